package dev.sesops.events;

import dev.sesops.common.BadInputException;
import dev.sesops.config.ScopeLevels;
import dev.sesops.core.Level;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import dev.sesops.core.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The read side of the counters: an account's scopes of one kind over 1 h or 24 h with sends, hard
 * bounces, complaints and rates, worst first. One query of the account's window items (bounded: one
 * per configuration set, tenant, from-domain and counted recipient domain), whatever the history
 * (level by the scope rules, then the rate against its critical level). For the API's {@code
 * sources} route, the CLI's {@code top} and the monitor's report.
 */
public final class Sources {
  private final CounterStore store;

  public Sources(CounterStore store) {
    this.store = store;
  }

  /**
   * One scope's line. Rates in percent, of {@code volume}: sends, or delivery attempts for a scope
   * without {@code Send} events ({@code denominator} says which). {@code recipient-domain:(other)}
   * is the fold of the recipient domains past {@code monitoring.recipient_domains}.
   */
  public record Row(
      String scope,
      long sends,
      long deliveries,
      long hardBounces,
      long softBounces,
      long complaints,
      long rejects,
      long delays,
      double bounceRate,
      double complaintRate,
      String level,
      String denominator,
      long volume) {}

  /** The answer: the rows, worst first, and whether scopes were left out. */
  public record Top(
      String account,
      String by,
      String window,
      Instant from,
      Instant to,
      int scopes,
      boolean truncated,
      List<Row> rows) {}

  /** Parses and checks the {@code by} parameter. */
  public static ScopeKind kind(String by) {
    ScopeKind k = by == null ? ScopeKind.CONFIGURATION_SET : ScopeKind.of(by);
    if (k == null || k == ScopeKind.ACCOUNT) {
      throw new BadInputException(
          "by", "must be configuration-set, tenant, from-domain or recipient-domain");
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

  /**
   * The worst {@code limit} scopes of every kind (configuration sets, tenants, domains) over 1 h:
   * the monitor's report.
   */
  public List<Row> worst(String account, ScopeLevels levels, int limit, Instant now) {
    return top(account, null, Window.H1, levels, limit, now).rows();
  }

  /** The scopes of one kind ({@code null}: every kind but the account), worst first. */
  public Top top(
      String account, ScopeKind kind, Window window, ScopeLevels levels, int limit, Instant now) {
    Instant from = Buckets.firstOf(window, now);
    String prefix = kind == null ? "" : kind.id() + ":";
    List<Row> rows = new ArrayList<>();
    int scopes = 0;
    for (CounterStore.StoredItem item : store.query(ExactCounter.windowPk(account), prefix)) {
      Scope s = Scope.parse(item.key().sk());
      if (s == null || s.kind() == ScopeKind.ACCOUNT) {
        continue;
      }
      Counts c = WindowCounts.decode(item.data()).window(window, now);
      if (c.equals(Counts.ZERO)) {
        continue;
      }
      scopes++;
      Level level = Level.UNKNOWN;
      for (String check : ScopeLevels.CHECKS) {
        RateEvaluator.WindowRate r = RateEvaluator.judge(s, check, window, c, levels);
        if (RateEvaluator.rank(r.level()) > RateEvaluator.rank(level)) {
          level = r.level();
        }
      }
      rows.add(
          new Row(
              s.key(),
              c.sends(),
              c.deliveries(),
              c.hardBounces(),
              c.softBounces(),
              c.complaints(),
              c.rejects(),
              c.delays(),
              round(c.bounceRate()),
              round(c.complaintRate()),
              level.name(),
              c.denominator().label(),
              c.volume()));
    }
    // WARNING and CRITICAL first; OK and UNKNOWN (too little volume to judge) rank by their rates
    // alike
    rows.sort(
        Comparator.comparingInt(
                (Row r) -> Math.max(1, RateEvaluator.rank(Level.valueOf(r.level()))))
            .reversed()
            .thenComparing(
                Comparator.comparingDouble((Row r) -> severity(r, window, levels)).reversed())
            .thenComparing(Comparator.comparingLong(Row::volume).reversed())
            .thenComparing(Row::scope));
    boolean truncated = rows.size() > limit;
    return new Top(
        account,
        kind == null ? "all" : kind.id(),
        window.key(),
        from,
        Buckets.of(now).plus(Buckets.SIZE),
        scopes,
        truncated,
        List.copyOf(rows.subList(0, Math.min(limit, rows.size()))));
  }

  private static double severity(Row r, Window w, ScopeLevels levels) {
    double b =
        r.bounceRate()
            / Math.max(1e-9, levels.rule(r.scope(), ScopeLevels.BOUNCE_RATE, w.key()).critical());
    double c =
        r.complaintRate()
            / Math.max(
                1e-9, levels.rule(r.scope(), ScopeLevels.COMPLAINT_RATE, w.key()).critical());
    return Math.max(b, c);
  }

  private static double round(double pct) {
    return Math.round(pct * 100.0) / 100.0;
  }
}
