package dev.sesops.events;

import dev.sesops.config.ScopeLevels;
import dev.sesops.core.Level;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import dev.sesops.core.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One incident per root cause. Configuration sets and tenants are where mail is made; the account,
 * its from-domains and the recipient domains are parents their mail passes through. When a parent
 * breaches a check, and taking out the children that breach the same check leaves it below its
 * warning level, the children explain it: the parent does not alert on its own, and the children's
 * alerts list it as a scope they moved. A parent alerts on its own only for what no child explains.
 *
 * <p>What a child contributed to a parent is exact for the account (a child's mail is all in it).
 * For a domain it is bounded without cross counts: the child's bad events in the domain are at
 * least its bad events less all the account's bad events outside the domain, and its volume there
 * at most its whole volume (taken together when several children breach). Both bounds leave the
 * parent more of the blame, never less: a domain with trouble of its own still alerts. Without
 * cross counts a domain that several breaching children share is listed under each of them.
 */
final class Incidents {
  private Incidents() {}

  /** One scope's windows and verdicts in one batch. */
  record Judged(Scope scope, Counts h1, Counts h24, List<RateEvaluator.WindowRate> rates) {
    Counts window(Window w) {
      return w == Window.H1 ? h1 : h24;
    }

    RateEvaluator.WindowRate rate(String check) {
      for (RateEvaluator.WindowRate r : rates) {
        if (r.check().equals(check)) {
          return r;
        }
      }
      return null;
    }
  }

  /**
   * The verdicts to alert on.
   *
   * @param alerts per scope, the rates to hand the alerter (explained parents' breaches left out)
   * @param moved per child scope and check, the parent scopes its breach explains
   * @param explained per parent scope and check, the children that explain it
   */
  record Plan(
      Map<Scope, List<RateEvaluator.WindowRate>> alerts,
      Map<Scope, Map<String, List<String>>> moved,
      Map<Scope, Map<String, List<String>>> explained) {}

  static boolean isChild(Scope s) {
    return s.kind() == ScopeKind.CONFIGURATION_SET || s.kind() == ScopeKind.TENANT;
  }

  static Plan plan(String account, List<Judged> judged, ScopeLevels levels) {
    Map<Scope, List<RateEvaluator.WindowRate>> alerts = new LinkedHashMap<>();
    Map<Scope, Map<String, List<String>>> moved = new LinkedHashMap<>();
    Map<Scope, Map<String, List<String>>> explained = new LinkedHashMap<>();
    Judged accountJudged = null;
    for (Judged j : judged) {
      if (j.scope().kind() == ScopeKind.ACCOUNT) {
        accountJudged = j;
      }
    }
    for (Judged parent : judged) {
      List<RateEvaluator.WindowRate> keep = new ArrayList<>();
      for (RateEvaluator.WindowRate r : parent.rates()) {
        if (isChild(parent.scope())
            || RateEvaluator.rank(r.level()) < RateEvaluator.rank(Level.WARNING)) {
          keep.add(r);
          continue;
        }
        List<Judged> by =
            explainers(parent, r, judged, accountJudged, levels, ScopeKind.CONFIGURATION_SET);
        if (by.isEmpty()) {
          by = explainers(parent, r, judged, accountJudged, levels, ScopeKind.TENANT);
        }
        if (by.isEmpty()) {
          keep.add(r);
          continue;
        }
        List<String> names = new ArrayList<>();
        for (Judged c : by) {
          names.add(c.scope().key());
          moved
              .computeIfAbsent(c.scope(), k -> new LinkedHashMap<>())
              .computeIfAbsent(r.check(), k -> new ArrayList<>())
              .add(
                  parent.scope().key()
                      + " ("
                      + r.level()
                      + " "
                      + ScopeAlerter.pct(r.rate())
                      + ", "
                      + r.window().key()
                      + ")");
        }
        explained.computeIfAbsent(parent.scope(), k -> new LinkedHashMap<>()).put(r.check(), names);
      }
      alerts.put(parent.scope(), keep);
    }
    return new Plan(alerts, moved, explained);
  }

  /**
   * The children of one kind that breach {@code r}'s check and together bring the parent below
   * warning; empty if they do not.
   */
  private static List<Judged> explainers(
      Judged parent,
      RateEvaluator.WindowRate r,
      List<Judged> judged,
      Judged account,
      ScopeLevels levels,
      ScopeKind kind) {
    boolean bounce = r.check().equals(ScopeLevels.BOUNCE_RATE);
    List<Judged> bad = new ArrayList<>();
    for (Judged c : judged) {
      RateEvaluator.WindowRate cr = c.scope().kind() == kind ? c.rate(r.check()) : null;
      if (cr != null && RateEvaluator.rank(cr.level()) >= RateEvaluator.rank(Level.WARNING)) {
        bad.add(c);
      }
    }
    if (bad.isEmpty()) {
      return List.of();
    }
    for (Window w : Window.values()) {
      Counts p = parent.window(w);
      long parentBad = bounce ? p.hardBounces() : p.complaints();
      long volume = p.volume();
      long badOutside = 0;
      if (account != null && parent.scope().kind() != ScopeKind.ACCOUNT) {
        Counts a = account.window(w);
        badOutside = Math.max(0, (bounce ? a.hardBounces() : a.complaints()) - parentBad);
      }
      // what the breaching children put into the parent, together: exact for the account; for a
      // domain, at least
      // their bad events less every bad event of the account outside the domain
      long childrenBad = 0;
      long childrenVolume = 0;
      List<Judged> contributing = new ArrayList<>();
      for (Judged c : bad) {
        Counts cc = c.window(w);
        long childBad = bounce ? cc.hardBounces() : cc.complaints();
        if (childBad > 0) {
          childrenBad += childBad;
          childrenVolume += cc.volume();
          contributing.add(c);
        }
      }
      long inParent =
          Math.min(
              parentBad,
              parent.scope().kind() == ScopeKind.ACCOUNT
                  ? childrenBad
                  : Math.max(0, childrenBad - badOutside));
      if (inParent == 0) {
        contributing.clear();
      }
      parentBad -= inParent;
      if (inParent > 0) {
        volume -= Math.min(childrenVolume, volume);
      }
      Counts residual =
          bounce
              ? new Counts(Math.max(0, volume), 0, Math.max(0, parentBad), 0, 0, 0, 0)
              : new Counts(Math.max(0, volume), 0, 0, 0, Math.max(0, parentBad), 0, 0);
      RateEvaluator.WindowRate left =
          RateEvaluator.judge(parent.scope(), r.check(), w, residual, levels);
      if (RateEvaluator.rank(left.level()) >= RateEvaluator.rank(Level.WARNING)) {
        return List.of();
      }
      // too little volume left to judge, but enough bad events of its own: not explained
      if (left.level() == Level.UNKNOWN && parentBad > 0 && parentBad >= left.rule().minEvents()) {
        return List.of();
      }
      if (w == r.window() && !contributing.isEmpty()) {
        bad = contributing;
      }
    }
    return bad;
  }
}
