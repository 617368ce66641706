package dev.sesops.ses;

/**
 * The newest {@code Reputation.BounceRate} and {@code Reputation.ComplaintRate} points (fractions),
 * read in one CloudWatch GetMetricData call.
 */
public record Reputation(MetricPoint bounce, MetricPoint complaint) {}
