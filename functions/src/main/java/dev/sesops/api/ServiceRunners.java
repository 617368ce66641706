package dev.sesops.api;

import dev.sesops.audit.AccountAudit;
import dev.sesops.audit.AuditReport;
import dev.sesops.audit.Auditor;
import dev.sesops.audit.Severity;
import dev.sesops.monitor.Monitor;
import dev.sesops.monitor.MonitorReport;
import dev.sesops.suppression.CleanupReport;
import dev.sesops.suppression.SuppressionCleanup;
import java.util.List;
import java.util.function.Supplier;

/**
 * The monitor, the audit and the suppression cleanup behind the API's ports, each built on first
 * use (so a deployment without, say, SES_OPS_REPORT_BUCKET still serves every other route) and
 * kept.
 */
public final class ServiceRunners {
  private ServiceRunners() {}

  /** The API's monitor run, on the monitor its composition root supplies (built on first use). */
  public static Runners.MonitorRunner monitor(Supplier<Monitor> monitor) {
    return (account, notify, deadline, requestId) -> {
      MonitorReport r = monitor.get().run(List.of(account.name()), notify, deadline, requestId);
      // an account the run did not reach was not checked: UNKNOWN, never OK
      String reason =
          r.notReached().isEmpty()
              ? null
              : "the account was not checked within the API's time budget; its health is unknown";
      return new Runners.Result(r.worst().name(), r, reason);
    };
  }

  /** The API's audit run, on the auditor its composition root supplies (built on first use). */
  public static Runners.AuditRunner audit(Supplier<Auditor> auditor) {
    return (account, deadline, requestId) -> {
      AuditReport r = auditor.get().audit(List.of(account.name()), true, deadline, requestId);
      return new Runners.Result(auditLevel(r), r);
    };
  }

  /** The API's cleanup run, on the cleanup its composition root supplies (built on first use). */
  public static Runners.CleanupRunner cleanup(Supplier<SuppressionCleanup> cleanup) {
    return (account, dryRun, deadline, requestId) -> {
      CleanupReport r = cleanup.get().run(List.of(account.name()), dryRun, deadline, requestId);
      return new Runners.Result(
          r.failedAccounts() > 0
              ? "CRITICAL"
              : r.accounts().stream().anyMatch(a -> "partial".equals(a.status()))
                  ? "WARNING"
                  : "OK",
          r);
    };
  }

  /**
   * CRITICAL or HIGH findings: CRITICAL; MEDIUM, or an audit that broke or did not finish: WARNING;
   * else OK.
   */
  static String auditLevel(AuditReport r) {
    boolean warning = !r.failures().isEmpty();
    for (AccountAudit a : r.accounts()) {
      if (a.counts().getOrDefault(Severity.CRITICAL, 0) > 0
          || a.counts().getOrDefault(Severity.HIGH, 0) > 0) {
        return "CRITICAL";
      }
      warning |= a.counts().getOrDefault(Severity.MEDIUM, 0) > 0 || !a.complete();
    }
    return warning ? "WARNING" : "OK";
  }
}
