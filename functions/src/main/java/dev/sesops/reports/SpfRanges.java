package dev.sesops.reports;

import dev.sesops.audit.DnsAnswer;
import dev.sesops.audit.DnsLookup;
import dev.sesops.common.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The IP ranges a domain's SPF record authorises through {@code ip4:}, {@code ip6:}, {@code
 * include:} and {@code redirect=} (RFC 7208 section 5), at most 10 DNS lookups as receivers allow.
 * Used for {@code amazonses.com} (SES's own ranges) and for a known sender's SPF include; {@code a}
 * and {@code mx} mechanisms are not expanded (neither publishes them).
 */
final class SpfRanges {
  static final int MAX_LOOKUPS = 10;
  private final DnsLookup dns;

  SpfRanges(DnsLookup dns) {
    this.dns = dns;
  }

  /**
   * @throws ReportsException when a record in the chain cannot be read (timeout, server failure,
   *     none): the ranges would be incomplete, and mail would be misattributed
   */
  List<Cidr> expand(String domain) {
    List<Cidr> out = new ArrayList<>();
    int[] lookups = {0};
    walk(domain.toLowerCase(Locale.ROOT), out, lookups, domain);
    return List.copyOf(out);
  }

  private void walk(String domain, List<Cidr> out, int[] lookups, String top) {
    if (++lookups[0] > MAX_LOOKUPS) {
      throw new ReportsException(
          "SPF of " + top + " needs more than " + MAX_LOOKUPS + " DNS lookups", null);
    }
    DnsAnswer ans = dns.lookup(domain, DnsLookup.Type.TXT);
    if (ans.failed()) {
      throw new ReportsException(
          "SPF of "
              + domain
              + " not read: "
              + ans.status()
              + (ans.detail() == null ? "" : " (" + ans.detail() + ")"),
          null);
    }
    List<String> spf =
        ans.records().stream()
            .filter(
                t ->
                    t.toLowerCase(Locale.ROOT).startsWith("v=spf1")
                        && (t.length() == 6 || t.charAt(6) == ' '))
            .toList();
    if (spf.size() != 1) {
      throw new ReportsException(
          domain + " has " + spf.size() + " SPF records (expected exactly one)", null);
    }
    String redirect = null;
    for (String term : spf.get(0).substring(6).trim().split("\\s+")) {
      String t = term.toLowerCase(Locale.ROOT);
      if (t.isEmpty()) {
        continue;
      }
      char q = t.charAt(0);
      boolean pass = q != '-' && q != '~' && q != '?';
      String m = (q == '+' || !pass) ? t.substring(1) : t;
      if (m.startsWith("ip4:") || m.startsWith("ip6:")) {
        if (pass) {
          Cidr.parse(m.substring(4)).ifPresent(out::add);
        }
      } else if (m.startsWith("include:")) {
        if (pass) {
          walk(m.substring(8), out, lookups, top);
        }
      } else if (t.startsWith("redirect=")) {
        redirect = t.substring(9);
      }
    }
    if (redirect != null && !spf.get(0).toLowerCase(Locale.ROOT).matches(".*\\sall(\\s.*)?$")) {
      walk(redirect, out, lookups, top);
    }
  }
}
