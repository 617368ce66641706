package dev.sesops.protection;

import dev.sesops.config.ActLevel;
import dev.sesops.config.Metric;
import dev.sesops.config.ProtectionPolicy;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The decision rules, pure: which scopes a set of rates says to pause.
 *
 * <ul>
 *   <li>Only trusted rates with at least the minimum volume count; an untrusted or thin rate is
 *       noted, never acted on.
 *   <li>Configuration sets and tenants are judged against their own act levels, smallest (fewest
 *       sends) first. A scope whose breach is explained by a smaller scope of the other type
 *       already chosen (its bounces or complaints minus theirs no longer cross the level) is left
 *       alone: the smaller pause covers it.
 *   <li>{@code never_pause} scopes are never chosen, but still count as explaining.
 *   <li>The account only when allowed, when its own levels are crossed, when no smaller scope
 *       explains the rate, and when no ses-ops pause within the rate's window already contains it.
 * </ul>
 */
final class Decider {
  private Decider() {}

  /**
   * @param active scopes ses-ops has paused (or, in dry run, would have) and when
   */
  static Decision decide(
      ProtectionPolicy policy, List<ScopeRate> rates, Map<Scope, Instant> active, Instant now) {
    List<Decision.Skip> skipped = new ArrayList<>();
    Map<Scope, List<Breach>> breaches = new LinkedHashMap<>();
    List<Breach> accountBreaches = new ArrayList<>();
    for (ScopeRate r : rates) {
      ScopeKind type = r.scope().kind();
      if (!type.pausable()) {
        continue;
      }
      for (Metric m : Metric.values()) {
        ActLevel level = policy.levels(type).get(m, r.window());
        long count = r.count(m);
        if (r.sends() == 0 || count * 100.0 / r.sends() < level.percent()) {
          continue;
        }
        Breach b = new Breach(r.scope(), m, r.window(), r.sends(), count, level);
        if (!r.trusted()) {
          skipped.add(
              new Decision.Skip(
                  r.scope().key(), "data not trusted (" + b.describe() + "): never acted on"));
        } else if (!level.hasVolume(r.sends(), count)) {
          skipped.add(
              new Decision.Skip(
                  r.scope().key(),
                  "under the minimum volume: "
                      + b.describe()
                      + ", needs "
                      + level.minSends()
                      + " sends and "
                      + level.minEvents()
                      + " "
                      + m.countLabel()));
        } else if (type == ScopeKind.ACCOUNT) {
          accountBreaches.add(b);
        } else {
          breaches.computeIfAbsent(r.scope(), k -> new ArrayList<>()).add(b);
        }
      }
    }

    // smallest first: the scope with the fewest sends in its worst breach's window
    List<Scope> order = new ArrayList<>(breaches.keySet());
    order.sort(
        Comparator.<Scope>comparingLong(s -> worst(breaches.get(s)).sends())
            .thenComparing(Scope::key));
    List<Breach> pause = new ArrayList<>();
    List<Breach> explaining = new ArrayList<>();
    for (Scope s : order) {
      List<Breach> own = breaches.get(s);
      String explainedBy = explainedBy(own, explaining);
      if (explainedBy != null) {
        skipped.add(
            new Decision.Skip(s.key(), "explained by " + explainedBy + ", which is smaller"));
        continue;
      }
      explaining.addAll(own);
      if (policy.neverPause(s)) {
        skipped.add(new Decision.Skip(s.key(), "never_pause (" + worst(own).describe() + ")"));
      } else if (active.containsKey(s)) {
        skipped.add(new Decision.Skip(s.key(), "already paused by ses-ops since " + active.get(s)));
      } else {
        pause.add(worst(own));
      }
    }

    if (!accountBreaches.isEmpty()) {
      Breach worst = worst(accountBreaches);
      String why = accountSkip(policy, accountBreaches, explaining, active, now);
      if (why != null) {
        skipped.add(new Decision.Skip(Scope.account().key(), why + " (" + worst.describe() + ")"));
      } else {
        pause.add(worst);
      }
    }
    return new Decision(List.copyOf(pause), List.copyOf(skipped));
  }

  private static String accountSkip(
      ProtectionPolicy policy,
      List<Breach> account,
      List<Breach> explaining,
      Map<Scope, Instant> active,
      Instant now) {
    if (active.containsKey(Scope.account())) {
      return "already paused by ses-ops since " + active.get(Scope.account());
    }
    if (!policy.allowAccountPause()) {
      return "account pause not allowed (allow_account_pause is false)";
    }
    String explainedBy = explainedBy(account, explaining);
    if (explainedBy != null) {
      return "explained by " + explainedBy;
    }
    for (Breach b : account) {
      Instant windowStart = now.minus(b.window().length());
      List<String> containing =
          active.entrySet().stream()
              .filter(
                  e -> e.getKey().kind() != ScopeKind.ACCOUNT && e.getValue().isAfter(windowStart))
              .map(e -> e.getKey().describe())
              .sorted()
              .toList();
      if (!containing.isEmpty()) {
        return "contained by the ses-ops pause of "
            + String.join(", ", containing)
            + " within the "
            + b.window().display()
            + " window";
      }
    }
    return null;
  }

  /**
   * Names the smaller scopes that explain every one of these breaches: once their counts are taken
   * out (one scope type at a time, since a message has one configuration set and one tenant but
   * both), the rest no longer crosses the level. Null when something is left unexplained.
   */
  private static String explainedBy(List<Breach> own, List<Breach> smaller) {
    Set<String> names = new java.util.TreeSet<>();
    for (Breach b : own) {
      Map<ScopeKind, long[]> byType = new EnumMap<>(ScopeKind.class);
      Map<ScopeKind, List<String>> who = new EnumMap<>(ScopeKind.class);
      for (Breach o : smaller) {
        if (o.metric() == b.metric()
            && o.window() == b.window()
            && o.scope().kind() != b.scope().kind()
            && o.sends() <= b.sends()) {
          long[] t = byType.computeIfAbsent(o.scope().kind(), k -> new long[2]);
          t[0] += o.sends();
          t[1] += o.count();
          who.computeIfAbsent(o.scope().kind(), k -> new ArrayList<>()).add(o.scope().describe());
        }
      }
      String explained = null;
      for (Map.Entry<ScopeKind, long[]> e : byType.entrySet()) {
        long restSends = Math.max(0, b.sends() - e.getValue()[0]);
        long restCount = Math.max(0, b.count() - e.getValue()[1]);
        if (!b.level().crossedBy(restSends, restCount)) {
          explained = who.get(e.getKey()).stream().distinct().collect(Collectors.joining(", "));
          break;
        }
      }
      if (explained == null) {
        return null;
      }
      names.add(explained);
    }
    return names.isEmpty() ? null : String.join(", ", names);
  }

  static Breach worst(List<Breach> breaches) {
    return breaches.stream().max(Comparator.comparingDouble(Breach::severity)).orElseThrow();
  }
}
