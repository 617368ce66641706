package dev.sesops.signals;

import dev.sesops.core.Level;

/**
 * A judgement about one item narrower than a monitor check (one finding, one tenant), keyed in the
 * alert-state table so whoever sees it first (a monitor run or an AWS event) alerts, once.
 *
 * @param key alert-state sort key ({@code finding#DMARC#arn...}, {@code tenant#NAME}, or a monitor
 *     check name)
 * @param scope the alert's {@code scope} attribute ({@code tenant:NAME}), or null for the account
 * @param headline what is wrong, for the subject ({@code HIGH DMARC finding on example.com})
 * @param resolved what recovered, for the subject ({@code DMARC finding on example.com resolved})
 * @param details the body's facts and next steps
 * @param source who saw it ({@code sesv2:ListRecommendations}, {@code EventBridge Sending Status
 *     Disabled})
 */
record Verdict(
    String key,
    String check,
    String scope,
    Level level,
    String headline,
    String resolved,
    String display,
    String details,
    String source) {}
