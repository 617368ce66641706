package dev.sesops.events;

import dev.sesops.common.BadInputException;
import dev.sesops.config.ScopeLevels;
import dev.sesops.monitor.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The read side of the counters: an account's scopes of one kind over 1 h or 24 h with sends, hard
 * bounces, complaints and rates, worst first (level by the scope rules, then the rate against its
 * critical level). For the API's {@code sources} route, the CLI's {@code top} and the monitor's report.
 */
public final class Sources {
  /** At most this many scopes are read per call (each is one query). */
  static final int MAX_SCOPES = 500;

  private final CounterStore store;

  Sources(CounterStore store) {
    this.store = store;
  }

  /** One scope's line. Rates in percent. */
  public record Row(String scope, long sends, long deliveries, long hardBounces, long softBounces, long complaints,
      long rejects, long delays, double bounceRate, double complaintRate, String level) {}

  /** The answer: the rows, worst first, and whether scopes were left out. */
  public record Top(String account, String by, String window, Instant from, Instant to, int scopes, boolean truncated, List<Row> rows) {}

  /** Parses and checks the {@code by} parameter. */
  public static ScopeKind kind(String by) {
    ScopeKind k = by == null ? ScopeKind.CONFIGURATION_SET : ScopeKind.of(by);
    if (k == null || k == ScopeKind.ACCOUNT) {
      throw new BadInputException("by", "must be configuration-set, tenant, from-domain or recipient-domain");
    }
    return k;
  }

  /** Parses and checks the {@code window} parameter. */
  public static Window window(String window) {
    Window w = window == null ? Window.H1 : Window.of(window);
    if (w == null) {
      throw new BadInputException("window", "must be 1h or 24h");
    }
    return w;
  }

  /** The worst {@code limit} scopes of every kind (configuration sets, tenants, domains) over 1 h: the monitor's report. */
  public List<Row> worst(String account, ScopeLevels levels, int limit, Instant now) {
    return top(account, null, Window.H1, levels, limit, now).rows();
  }

  /** The scopes of one kind ({@code null}: every kind but the account), worst first. */
  public Top top(String account, ScopeKind kind, Window window, ScopeLevels levels, int limit, Instant now) {
    Instant from = window.firstBucket(now);
    Instant to = Buckets.of(now);
    String prefix = kind == null ? "" : kind.label() + ":";
    List<String> keys = new ArrayList<>();
    for (String k : store.scopes(account, from, to)) {
      if (k.startsWith(prefix)) {
        keys.add(k);
      }
    }
    boolean truncated = keys.size() > MAX_SCOPES;
    List<Row> rows = new ArrayList<>();
    for (String k : truncated ? keys.subList(0, MAX_SCOPES) : keys) {
      Scope s = Scope.parse(k);
      if (s == null) {
        continue;
      }
      Counts c = Counts.ZERO;
      for (Counts b : store.read(account, s, from, to).values()) {
        c = c.plus(b);
      }
      Level level = Level.UNKNOWN;
      for (String check : ScopeLevels.CHECKS) {
        RateEvaluator.WindowRate r = RateEvaluator.judge(s, check, window, c, levels);
        if (RateEvaluator.rank(r.level()) > RateEvaluator.rank(level)) {
          level = r.level();
        }
      }
      rows.add(new Row(s.key(), c.sends(), c.deliveries(), c.hardBounces(), c.softBounces(), c.complaints(), c.rejects(),
          c.delays(), round(c.bounceRate()), round(c.complaintRate()), level.name()));
    }
    // WARNING and CRITICAL first; OK and UNKNOWN (too little volume to judge) rank by their rates alike
    rows.sort(Comparator.comparingInt((Row r) -> Math.max(1, RateEvaluator.rank(Level.valueOf(r.level())))).reversed()
        .thenComparing(Comparator.comparingDouble((Row r) -> severity(r, window, levels)).reversed())
        .thenComparing(Comparator.comparingLong(Row::sends).reversed())
        .thenComparing(Row::scope));
    return new Top(account, kind == null ? "all" : kind.label(), window.label(), from, to.plus(Buckets.SIZE), rows.size(), truncated,
        List.copyOf(rows.subList(0, Math.min(limit, rows.size()))));
  }

  private static double severity(Row r, Window w, ScopeLevels levels) {
    double b = r.bounceRate() / Math.max(1e-9, levels.rule(r.scope(), ScopeLevels.BOUNCE_RATE, w.label()).critical());
    double c = r.complaintRate() / Math.max(1e-9, levels.rule(r.scope(), ScopeLevels.COMPLAINT_RATE, w.label()).critical());
    return Math.max(b, c);
  }

  private static double round(double pct) {
    return Math.round(pct * 100.0) / 100.0;
  }
}
