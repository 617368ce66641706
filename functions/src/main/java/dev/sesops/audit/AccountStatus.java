package dev.sesops.audit;

import java.util.List;

/**
 * What SES v2 GetAccount says about sending health. Booleans are null when SES left them out.
 *
 * @param enforcementStatus HEALTHY, PROBATION, SHUTDOWN, or anything else (then: unknown)
 * @param suppressedReasons the account-level suppression list's reasons (BOUNCE, COMPLAINT)
 */
record AccountStatus(
    Boolean sendingEnabled,
    String enforcementStatus,
    Boolean productionAccessEnabled,
    List<String> suppressedReasons,
    String vdmEnabled) {

  /** Without VdmAttributes (VDM's state then reads as not reported). */
  AccountStatus(
      Boolean sendingEnabled,
      String enforcementStatus,
      Boolean productionAccessEnabled,
      List<String> suppressedReasons) {
    this(sendingEnabled, enforcementStatus, productionAccessEnabled, suppressedReasons, null);
  }
}
