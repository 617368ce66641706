package dev.sesops.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Levels and minimum volumes for the per-scope event rates ({@code monitoring.scopes}): one rule
 * per (check, window), and per-scope overrides keyed by the scope ({@code configuration-set:NAME}).
 * Defaults are PostHog's published rules; only hard bounces count, as for AWS.
 *
 * @param rules by {@code check + "/" + window}, e.g. {@code bounce_rate/1h}
 * @param overrides by scope key, then by {@code check + "/" + window}: a complete rule (unset
 *     fields taken from {@code rules})
 */
public record ScopeLevels(
    Map<String, RateRule> rules, Map<String, Map<String, RateRule>> overrides) {
  public static final String BOUNCE_RATE = "bounce_rate";
  public static final String COMPLAINT_RATE = "complaint_rate";
  public static final List<String> CHECKS = List.of(BOUNCE_RATE, COMPLAINT_RATE);
  public static final List<String> WINDOWS = List.of("1h", "24h");

  /**
   * One level rule.
   *
   * @param warning WARNING at or above, percent
   * @param critical CRITICAL at or above, percent
   * @param minSends no level below this many sends in the window
   * @param minEvents no level below this many bounces (or complaints) in the window
   */
  public record RateRule(double warning, double critical, long minSends, long minEvents) {}

  public ScopeLevels {
    rules = Map.copyOf(rules);
    overrides = Map.copyOf(overrides);
  }

  public static ScopeLevels defaults() {
    Map<String, RateRule> r = new LinkedHashMap<>();
    r.put(BOUNCE_RATE + "/1h", new RateRule(5.0, 10.0, 200, 20));
    r.put(BOUNCE_RATE + "/24h", new RateRule(2.5, 5.0, 1000, 50));
    r.put(COMPLAINT_RATE + "/1h", new RateRule(0.5, 1.0, 200, 5));
    r.put(COMPLAINT_RATE + "/24h", new RateRule(0.15, 0.3, 1000, 10));
    return new ScopeLevels(r, Map.of());
  }

  /** The rule for one scope, check and window: the scope's override, else the default. */
  public RateRule rule(String scope, String check, String window) {
    String key = check + "/" + window;
    Map<String, RateRule> o = overrides.get(scope);
    if (o != null && o.containsKey(key)) {
      return o.get(key);
    }
    return rules.get(key);
  }
}
