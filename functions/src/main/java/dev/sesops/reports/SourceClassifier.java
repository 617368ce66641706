package dev.sesops.reports;

import dev.sesops.audit.DnsAnswer;
import dev.sesops.audit.DnsLookup;
import dev.sesops.common.Cidr;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.DmarcConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Classifies a report's source IP: SES (amazonses.com's SPF ranges, resolved through the configured
 * DNS servers and cached for {@link #TTL}, or an account's dedicated IP), a known sender
 * (configured ranges, or the ranges its SPF include publishes), or unknown (with its PTR name). SES
 * mail is tied to the ses-ops account whose {@code verified_domains} holds the header-from domain
 * or one of its parents.
 */
public final class SourceClassifier {
  static final String SES_SPF_DOMAIN = "amazonses.com";
  static final Duration TTL = Duration.ofHours(6);

  private final DnsLookup dns;
  private final SpfRanges spf;
  private final DedicatedIps dedicated;
  private final Clock clock;
  private final Map<String, Cached> rangeCache = new ConcurrentHashMap<>();
  private final Map<String, String> ptrCache = new ConcurrentHashMap<>();

  private record Cached(List<Cidr> ranges, Instant until) {}

  public SourceClassifier(DnsLookup dns, DedicatedIps dedicated, Clock clock) {
    this.dns = dns;
    this.spf = new SpfRanges(dns);
    this.dedicated = dedicated;
    this.clock = clock;
  }

  /** One classifier per run: the config's senders and accounts, the cached ranges. */
  Run run(DmarcConfig config, Map<String, AccountConfig> accounts) {
    List<Cidr> ses = ranges(SES_SPF_DOMAIN);
    Map<String, List<Cidr>> known = new HashMap<>();
    for (DmarcConfig.KnownSender s : config.knownSenders()) {
      List<Cidr> r = new ArrayList<>(s.ipRanges());
      if (s.spfInclude() != null) {
        r.addAll(ranges(s.spfInclude()));
      }
      known.put(s.name(), r);
    }
    return new Run(
        ses, config.knownSenders(), known, dedicated.byAddress(accounts.values()), accounts);
  }

  private List<Cidr> ranges(String domain) {
    Instant now = clock.instant();
    Cached c = rangeCache.get(domain);
    if (c == null || now.isAfter(c.until())) {
      c = new Cached(spf.expand(domain), now.plus(TTL));
      rangeCache.put(domain, c);
    }
    return c.ranges();
  }

  private String ptr(String ip) {
    return ptrCache.computeIfAbsent(
        ip,
        k -> {
          String name = reverseName(k);
          if (name == null) {
            return "";
          }
          DnsAnswer a = dns.lookup(name, DnsLookup.Type.PTR);
          return a.records().isEmpty() ? "" : a.records().get(0);
        });
  }

  /** 77.2.0.192.in-addr.arpa, or the nibbles under ip6.arpa. */
  static String reverseName(String ip) {
    byte[] a = Cidr.address(ip).orElse(null);
    if (a == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    if (a.length == 4) {
      for (int i = 3; i >= 0; i--) {
        sb.append(a[i] & 0xff).append('.');
      }
      return sb.append("in-addr.arpa").toString();
    }
    for (int i = 15; i >= 0; i--) {
      sb.append(Character.forDigit(a[i] & 0xf, 16))
          .append('.')
          .append(Character.forDigit((a[i] >> 4) & 0xf, 16))
          .append('.');
    }
    return sb.append("ip6.arpa").toString();
  }

  /** Classification with one run's inputs fixed; memoises per IP. */
  final class Run {
    private final List<Cidr> ses;
    private final List<DmarcConfig.KnownSender> senders;
    private final Map<String, List<Cidr>> known;
    private final Map<String, String> dedicatedIps;
    private final Map<String, AccountConfig> accounts;
    private final Map<String, Source> memo = new HashMap<>();

    private Run(
        List<Cidr> ses,
        List<DmarcConfig.KnownSender> senders,
        Map<String, List<Cidr>> known,
        Map<String, String> dedicatedIps,
        Map<String, AccountConfig> accounts) {
      this.ses = ses;
      this.senders = senders;
      this.known = known;
      this.dedicatedIps = dedicatedIps;
      this.accounts = accounts;
    }

    Source classify(String ip, String domain) {
      String key = ip + "|" + domain;
      return memo.computeIfAbsent(key, k -> compute(ip, domain));
    }

    private Source compute(String ip, String domain) {
      byte[] addr = Cidr.address(ip).orElse(null);
      if (addr == null) {
        return new Source(ip, SourceClass.UNKNOWN, null, null);
      }
      String dedicatedAccount = dedicatedIps.get(canonical(addr));
      if (dedicatedAccount != null) {
        return new Source(ip, SourceClass.SES, "SES dedicated IP", dedicatedAccount);
      }
      for (Cidr c : ses) {
        if (c.contains(addr)) {
          return new Source(ip, SourceClass.SES, "Amazon SES", account(domain));
        }
      }
      for (DmarcConfig.KnownSender s : senders) {
        for (Cidr c : known.get(s.name())) {
          if (c.contains(addr)) {
            return new Source(ip, SourceClass.KNOWN, s.name(), null);
          }
        }
      }
      String ptr = ptr(ip);
      return new Source(ip, SourceClass.UNKNOWN, ptr.isEmpty() ? null : ptr, null);
    }

    /**
     * The account whose verified domains hold {@code domain} or a parent of it (the longest match
     * wins).
     */
    String account(String domain) {
      if (domain == null) {
        return null;
      }
      String d = domain.toLowerCase(Locale.ROOT);
      String best = null;
      int bestLen = -1;
      for (AccountConfig a : accounts.values()) {
        for (String v : a.verifiedDomains()) {
          String vd = v.toLowerCase(Locale.ROOT);
          if ((d.equals(vd) || d.endsWith("." + vd)) && vd.length() > bestLen) {
            best = a.name();
            bestLen = vd.length();
          }
        }
      }
      return best;
    }
  }

  static String canonical(byte[] addr) {
    try {
      return java.net.InetAddress.getByAddress(addr).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
