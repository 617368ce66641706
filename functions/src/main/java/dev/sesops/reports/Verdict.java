package dev.sesops.reports;

import java.util.List;

/**
 * The DMARC policy step a domain's last days of reports support.
 *
 * @param current the policy receivers saw published (p=none when unknown)
 * @param next the step the data supports now (equal to {@code current} when it supports none)
 * @param ready whether {@code next} is a step up
 * @param summary one line for people ("p=none to p=quarantine: 99.8% of 1.2 M messages aligned;
 *     ...")
 * @param unknownSources the sources, outside SES and the known senders, whose mail failed
 * @param dnsName where the record goes ({@code _dmarc.DOMAIN})
 * @param dnsRecord the exact TXT value to publish for {@code next}
 */
public record Verdict(
    String domain,
    int days,
    long messages,
    double passRate,
    String current,
    String next,
    boolean ready,
    String summary,
    List<String> unknownSources,
    String dnsName,
    String dnsRecord) {}
