package dev.sesops.reports;

import dev.sesops.aws.AccountClients;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Cidr;
import dev.sesops.config.AccountConfig;
import dev.sesops.ses.Page;
import dev.sesops.ses.SesGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Each account's dedicated IPs from SES v2 {@code GetDedicatedIps}, cached per account for {@link
 * #TTL}. An account whose list cannot be read is logged and left out (its mail is still SES by
 * amazonses.com's ranges).
 */
public final class SesDedicatedIps implements DedicatedIps {
  static final Duration TTL = Duration.ofHours(6);
  private static final Logger LOG = LoggerFactory.getLogger(SesDedicatedIps.class);
  private final AccountClients clients;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Map<String, String> ips, Instant until) {}

  public SesDedicatedIps(AccountClients clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  @Override
  public Map<String, String> byAddress(Collection<AccountConfig> accounts) {
    Map<String, String> out = new HashMap<>();
    Instant now = clock.instant();
    for (AccountConfig a : accounts) {
      Cached c = cache.get(a.name());
      if (c == null || now.isAfter(c.until())) {
        c = new Cached(read(a), now.plus(TTL));
        cache.put(a.name(), c);
      }
      out.putAll(c.ips());
    }
    return out;
  }

  private Map<String, String> read(AccountConfig a) {
    Map<String, String> ips = new HashMap<>();
    try {
      SesGateway ses = SesGateway.of(clients, a);
      Page.all(token -> ses.dedicatedIps(token, 1000))
          .forEach(
              d ->
                  Cidr.address(d.ip())
                      .ifPresent(addr -> ips.put(SourceClassifier.canonical(addr), a.name())));
    } catch (SdkException e) {
      LOG.warn("dedicated IPs not read: account={} error={}", a.name(), SdkErrors.describe(e));
    }
    return ips;
  }
}
