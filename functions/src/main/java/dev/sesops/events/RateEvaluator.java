package dev.sesops.events;

import dev.sesops.config.ScopeLevels;
import dev.sesops.core.Level;
import dev.sesops.core.Scope;
import dev.sesops.core.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a scope's hard-bounce and complaint rates over 1 h and 24 h against {@code
 * monitoring.scopes}. Rates divide by sends, or by delivery attempts where a scope has no {@code
 * Send} events (identity notifications; see {@link Counts#denominator}). Below {@code min_sends} of
 * that volume a window says nothing (UNKNOWN); with enough sends but fewer than {@code min_events}
 * bounces (complaints) it is OK; otherwise the rate decides. A check takes the worst level of its
 * windows, and names the window that set it.
 */
final class RateEvaluator {
  private RateEvaluator() {}

  /** One check over one window. */
  /**
   * One check over one window; {@code sends} is the volume the rate divided by, {@code denominator}
   * says which.
   */
  record WindowRate(
      String check,
      Window window,
      long sends,
      long events,
      double rate,
      Level level,
      ScopeLevels.RateRule rule,
      Counts.Denominator denominator) {}

  static List<WindowRate> evaluate(Scope scope, Counts h1, Counts h24, ScopeLevels levels) {
    List<WindowRate> out = new ArrayList<>(2);
    for (String check : ScopeLevels.CHECKS) {
      WindowRate a = judge(scope, check, Window.H1, h1, levels);
      WindowRate b = judge(scope, check, Window.H24, h24, levels);
      out.add(rank(b.level()) > rank(a.level()) ? b : a);
    }
    return out;
  }

  static WindowRate judge(Scope scope, String check, Window w, Counts c, ScopeLevels levels) {
    ScopeLevels.RateRule rule = levels.rule(scope.key(), check, w.key());
    boolean bounce = check.equals(ScopeLevels.BOUNCE_RATE);
    long events = bounce ? c.hardBounces() : c.complaints();
    double rate = bounce ? c.bounceRate() : c.complaintRate();
    Level level;
    long volume = c.volume();
    if (volume == 0 || volume < rule.minSends()) {
      level = Level.UNKNOWN;
    } else if (events < rule.minEvents()) {
      level = Level.OK;
    } else if (rate >= rule.critical()) {
      level = Level.CRITICAL;
    } else if (rate >= rule.warning()) {
      level = Level.WARNING;
    } else {
      level = Level.OK;
    }
    return new WindowRate(check, w, volume, events, rate, level, rule, c.denominator());
  }

  /** UNKNOWN ranks lowest here: a window without volume never hides another's verdict. */
  static int rank(Level l) {
    return switch (l) {
      case UNKNOWN -> 0;
      case OK -> 1;
      case WARNING -> 2;
      case CRITICAL -> 3;
    };
  }
}
