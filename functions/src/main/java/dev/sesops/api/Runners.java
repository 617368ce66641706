package dev.sesops.api;

import dev.sesops.common.Deadline;
import dev.sesops.config.AccountConfig;

/**
 * The scheduled capabilities the API runs on demand, as small ports so the API does not depend on
 * their insides.
 */
public final class Runners {
  private Runners() {}

  /**
   * A run's outcome: its overall level (OK, WARNING, CRITICAL, ...) and the capability's own
   * report.
   */
  public record Result(String level, Object report, String reason) {
    Result(String level, Object report) {
      this(level, report, null);
    }
  }

  /** Runs the monitor for one account now. */
  @FunctionalInterface
  public interface MonitorRunner {
    Result run(AccountConfig account, boolean notify, Deadline deadline, String requestId);
  }

  /** Runs the audit for one account now. */
  @FunctionalInterface
  public interface AuditRunner {
    Result run(AccountConfig account, Deadline deadline, String requestId);
  }

  /** Runs the suppression cleanup for one account now. */
  @FunctionalInterface
  public interface CleanupRunner {
    Result run(AccountConfig account, boolean dryRun, Deadline deadline, String requestId);
  }

  static MonitorRunner monitorMissing() {
    return (a, n, d, r) -> {
      throw ApiException.notImplemented("the monitor");
    };
  }

  static AuditRunner auditMissing() {
    return (a, d, r) -> {
      throw ApiException.notImplemented("the audit");
    };
  }

  static CleanupRunner cleanupMissing() {
    return (a, dr, d, r) -> {
      throw ApiException.notImplemented("the suppression cleanup");
    };
  }
}
