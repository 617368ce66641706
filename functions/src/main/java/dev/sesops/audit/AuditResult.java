package dev.sesops.audit;

import java.util.List;
import java.util.Map;

/**
 * The handler's answer: the summary for people and per-account totals; the findings themselves are
 * in S3.
 */
record AuditResult(
    String runId, List<String> summary, List<AccountTotals> accounts, List<String> failures) {

  record AccountTotals(
      String account,
      int score,
      Map<Severity, Integer> counts,
      boolean complete,
      List<String> notReached,
      int newFindings,
      int resolved,
      int alertsPending,
      long sesCalls,
      String reportKey) {}

  static AuditResult of(AuditReport r) {
    List<AccountTotals> totals =
        r.accounts().stream()
            .map(
                a ->
                    new AccountTotals(
                        a.account(),
                        a.score(),
                        a.counts(),
                        a.complete(),
                        a.notReached(),
                        a.newFindings().size(),
                        a.resolved().size(),
                        a.pendingAlerts().size(),
                        a.sesCalls(),
                        r.reportKeys().stream()
                            .filter(k -> k.startsWith(ReportStore.prefix(a.account())))
                            .findFirst()
                            .orElse(null)))
            .toList();
    return new AuditResult(r.runId(), r.summary(), totals, r.failures());
  }
}
