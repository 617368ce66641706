package dev.sesops.audit;

import dev.sesops.ses.DedicatedIp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Dedicated IPs and their pools: warm-up still in progress, a pool without IPs, and each IP against
 * the DNS blocklists of {@code audit.dnsbl}. A blocklist is asked {@code D.C.B.A.ZONE} A (RFC
 * 5782): NXDOMAIN is "not listed", an answer in 127.0.0.0/8 is "listed", and everything else is
 * "unknown", never "clean": a timeout, a server failure, and the answers a list gives when it
 * refuses the resolver (Spamhaus answers 127.255.255.252/254/255 for a typo, a public resolver, or
 * too many queries).
 */
final class DedicatedIpChecks {
  private static final Pattern IP4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /** What one blocklist said about one IP. */
  enum Listing {
    LISTED,
    NOT_LISTED,
    UNKNOWN
  }

  private final DnsLookup dns;

  DedicatedIpChecks(DnsLookup dns) {
    this.dns = dns;
  }

  List<Finding> check(
      String account, List<DedicatedIp> ips, List<String> pools, List<String> zones) {
    List<Finding> out = new ArrayList<>();
    for (String pool : pools) {
      if (ips.stream().noneMatch(i -> pool.equals(i.pool()))) {
        out.add(
            new Finding(
                "dedicated_ip.pool_empty",
                Severity.LOW,
                account,
                "dedicated-ip-pool:" + pool,
                "Dedicated IP pool " + pool + " has no IPs",
                "Move IPs into the pool (PutDedicatedIpInPool) or stop pointing configuration sets at it (or use a managed pool).",
                Map.of("pool", pool)));
      }
    }
    for (DedicatedIp ip : ips) {
      if ("IN_PROGRESS".equals(ip.warmupStatus())) {
        out.add(
            new Finding(
                "dedicated_ip.warming",
                Severity.INFO,
                account,
                "dedicated-ip:" + ip.ip(),
                "Dedicated IP "
                    + ip.ip()
                    + " is still warming up ("
                    + (ip.warmupPercentage() == null ? "?" : ip.warmupPercentage())
                    + "%)",
                "Keep volume on it within the warm-up plan; SES sends the rest from shared IPs until it is done.",
                Map.of(
                    "warmup_percentage",
                    String.valueOf(ip.warmupPercentage()),
                    "pool",
                    String.valueOf(ip.pool()))));
      }
      for (String zone : zones) {
        blocklist(account, ip.ip(), zone, out);
      }
    }
    return out;
  }

  private void blocklist(String account, String ip, String zone, List<Finding> out) {
    java.util.regex.Matcher m = IP4.matcher(ip);
    if (!m.matches()) {
      return; // SES dedicated IPs are IPv4; an IPv6 list needs nibble form, not asked here
    }
    String name = m.group(4) + "." + m.group(3) + "." + m.group(2) + "." + m.group(1) + "." + zone;
    DnsAnswer a = dns.lookup(name, DnsLookup.Type.A);
    Listing listing = listing(a);
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("zone", zone);
    ev.put("query", name);
    ev.put(
        "answer",
        a.status() == DnsAnswer.Status.FOUND ? String.join(",", a.records()) : a.status().name());
    if (listing == Listing.LISTED) {
      out.add(
          new Finding(
              "dedicated_ip.listed",
              Severity.HIGH,
              account,
              "dedicated-ip:" + ip,
              "Dedicated IP " + ip + " is listed on " + zone,
              "Find the cause (a compromised sender, a bad list), fix it, then ask "
                  + zone
                  + " for removal; move traffic to other IPs meanwhile.",
              ev));
    } else if (listing == Listing.UNKNOWN) {
      out.add(
          new Finding(
              "dedicated_ip.dnsbl_unknown",
              Severity.LOW,
              account,
              "dedicated-ip:" + ip + "@" + zone,
              "Could not tell whether "
                  + ip
                  + " is listed on "
                  + zone
                  + " ("
                  + ev.get("answer")
                  + ")",
              "Use a resolver the list accepts (Spamhaus refuses public resolvers: set SES_OPS_DNS_SERVERS to your own, or use a DQS key zone).",
              ev));
    }
  }

  static Listing listing(DnsAnswer a) {
    if (a.status() == DnsAnswer.Status.NX_DOMAIN) {
      return Listing.NOT_LISTED;
    }
    if (a.status() != DnsAnswer.Status.FOUND) {
      return Listing.UNKNOWN; // timeout, failure, or an answer without an address
    }
    boolean listed = false;
    for (String r : a.records()) {
      if (r.startsWith("127.255.255.") || !r.startsWith("127.")) {
        return Listing.UNKNOWN; // the list refused the query, or answered nonsense
      }
      listed = true;
    }
    return listed ? Listing.LISTED : Listing.UNKNOWN;
  }
}
