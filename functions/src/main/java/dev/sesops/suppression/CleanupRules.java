package dev.sesops.suppression;

import dev.sesops.config.CleanupPolicy;
import dev.sesops.config.ConfigParser;
import dev.sesops.ses.SuppressedEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The policy applied to one entry. An entry is eligible when its reason is listed and it was last
 * updated more than that reason's {@code older_than_days} ago, or when its domain is an {@code
 * always_remove} domain (any reason, any age). An eligible entry whose address or domain matches
 * {@code keep} stays. Domain patterns match the domain and its subdomains; addresses match without
 * regard to case.
 */
final class CleanupRules {
  /** What the policy says about one entry. */
  enum Decision {
    NOT_ELIGIBLE,
    KEEP,
    REMOVE
  }

  private final Map<String, Instant> cutoffs = new HashMap<>();
  private final List<String> keep;
  private final List<String> alwaysRemove;
  private final Instant oldestCutoff;

  CleanupRules(CleanupPolicy policy, Instant now) {
    Instant newest = null;
    for (Map.Entry<String, Integer> e : policy.olderThanDays().entrySet()) {
      Instant c = now.minus(Duration.ofDays(e.getValue()));
      cutoffs.put(e.getKey(), c);
      newest = newest == null || c.isAfter(newest) ? c : newest;
    }
    this.oldestCutoff = newest;
    this.keep = policy.keep();
    this.alwaysRemove = policy.alwaysRemove();
  }

  /**
   * The narrowest listing that still returns every entry the policy could remove: only the eligible
   * reasons and only entries older than the youngest cutoff, unless always_remove domains need the
   * whole list.
   *
   * @return null when the policy can remove nothing (no reasons, no always_remove domains)
   */
  ListFilter listFilter(int pageSize) {
    if (!alwaysRemove.isEmpty()) {
      return new ListFilter(TrailFormat.REASONS, null, null, pageSize);
    }
    if (cutoffs.isEmpty()) {
      return null;
    }
    return new ListFilter(Set.copyOf(cutoffs.keySet()), null, oldestCutoff, pageSize);
  }

  Decision decide(SuppressedEntry e) {
    String address = e.emailAddress() == null ? "" : e.emailAddress().strip();
    String domain = domainOf(address);
    Instant cutoff = cutoffs.get(e.reason());
    boolean stale =
        cutoff != null && e.lastUpdateTime() != null && e.lastUpdateTime().isBefore(cutoff);
    boolean always = domain != null && matchesDomain(domain, alwaysRemove);
    if (!stale && !always) {
      return Decision.NOT_ELIGIBLE;
    }
    return kept(address, domain) ? Decision.KEEP : Decision.REMOVE;
  }

  private boolean kept(String address, String domain) {
    String normalized = ConfigParser.normalizeAddress(address.toLowerCase(Locale.ROOT));
    for (String k : keep) {
      if (!k.startsWith("@") && k.equals(normalized)) {
        return true;
      }
    }
    return domain != null && matchesDomain(domain, keep);
  }

  private static boolean matchesDomain(String domain, List<String> patterns) {
    for (String p : patterns) {
      if (p.startsWith("@")) {
        String d = p.substring(1);
        if (domain.equals(d) || domain.endsWith("." + d)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The address's domain in lower-case ASCII form, or null. */
  static String domainOf(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? null : ConfigParser.asciiDomain(address.substring(at + 1));
  }
}
