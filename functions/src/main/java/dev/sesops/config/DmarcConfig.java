package dev.sesops.config;

import dev.sesops.common.Cidr;
import java.util.List;

/**
 * The {@code dmarc} block: senders the team knows besides SES, and when DMARC reports become
 * alerts.
 *
 * @param knownSenders named senders by IP range or SPF include
 * @param sesFailurePercent SES mail for a domain failing DMARC above this share (percent) is
 *     CRITICAL
 * @param minMessages below this many SES messages a day the failure share is not judged
 * @param unknownSenderMinMessages unknown sources sending more than this a day are a WARNING
 * @param rua the rua address for the DNS record a verdict proposes when the domain has none (may be
 *     null)
 */
public record DmarcConfig(
    List<KnownSender> knownSenders,
    double sesFailurePercent,
    long minMessages,
    long unknownSenderMinMessages,
    String rua) {

  /** A sender that is not SES but allowed to send as the team's domains. */
  public record KnownSender(String name, List<Cidr> ipRanges, String spfInclude) {}

  public static DmarcConfig defaults() {
    return new DmarcConfig(List.of(), 2.0, 100, 50, null);
  }
}
