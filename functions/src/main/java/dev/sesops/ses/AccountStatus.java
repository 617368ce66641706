package dev.sesops.ses;

import java.util.List;

/**
 * SES v2 GetAccount, the parts ses-ops reads. EnforcementStatus is a plain string on purpose
 * (HEALTHY, PROBATION, SHUTDOWN, or anything else: unknown); booleans are null when SES left them
 * out.
 *
 * @param vdmEnabled {@code VdmAttributes.VdmEnabled} as SES said it (null: not reported)
 * @param suppressedReasons the account-level suppression list's reasons (BOUNCE, COMPLAINT)
 */
public record AccountStatus(
    String enforcementStatus,
    Boolean sendingEnabled,
    Boolean productionAccessEnabled,
    String vdmEnabled,
    List<String> suppressedReasons) {
  public AccountStatus {
    suppressedReasons = suppressedReasons == null ? List.of() : List.copyOf(suppressedReasons);
  }

  /** Without VDM and suppression attributes. */
  public AccountStatus(
      String enforcementStatus, Boolean sendingEnabled, Boolean productionAccessEnabled) {
    this(enforcementStatus, sendingEnabled, productionAccessEnabled, null, List.of());
  }

  /** Without suppression attributes. */
  public AccountStatus(
      String enforcementStatus,
      Boolean sendingEnabled,
      Boolean productionAccessEnabled,
      String vdmEnabled) {
    this(enforcementStatus, sendingEnabled, productionAccessEnabled, vdmEnabled, List.of());
  }

  /** True when SES says sending is enabled (false when it is off or not reported). */
  public boolean sending() {
    return Boolean.TRUE.equals(sendingEnabled);
  }

  /** True when SES says the account is out of the sandbox (false when not reported). */
  public boolean production() {
    return Boolean.TRUE.equals(productionAccessEnabled);
  }
}
