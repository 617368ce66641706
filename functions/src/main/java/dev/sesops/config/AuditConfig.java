package dev.sesops.config;

import java.util.List;

/**
 * The {@code audit} block: {@code dnsbl}, the DNS blocklist zones each dedicated IP is checked
 * against (docs/audit.md lists the default). An empty list turns the blocklist check off.
 */
public record AuditConfig(List<String> dnsbl) {
  /** The default zones: Spamhaus ZEN, Barracuda, SpamCop. */
  public static final List<String> DEFAULT_DNSBL =
      List.of("zen.spamhaus.org", "b.barracudacentral.org", "bl.spamcop.net");

  public static AuditConfig defaults() {
    return new AuditConfig(DEFAULT_DNSBL);
  }
}
