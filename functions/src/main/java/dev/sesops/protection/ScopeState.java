package dev.sesops.protection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a scope's sending switch was before ses-ops touched it, read from SES: what resume restores.
 *
 * @param sendingEnabled configuration set ({@code SendingOptions.SendingEnabled}) or account
 *     ({@code GetAccount.SendingEnabled}); null for a tenant
 * @param customerManagedStatus tenant: the customer-managed status (ENABLED, DISABLED, REINSTATED)
 * @param awsManagedStatus tenant: the status AWS manages (DISABLED when AWS paused it)
 * @param awsManagedCause tenant: why AWS set its status, when it says
 * @param tenantArn tenant: its ARN, the reputation entity's reference
 */
record ScopeState(
    Boolean sendingEnabled,
    String customerManagedStatus,
    String awsManagedStatus,
    String awsManagedCause,
    String tenantArn) {

  public static ScopeState sending(boolean enabled) {
    return new ScopeState(enabled, null, null, null, null);
  }

  public static ScopeState tenant(String arn, String customer, String aws, String awsCause) {
    return new ScopeState(null, customer, aws, awsCause, arn);
  }

  /** True when the scope is not sending already, whoever stopped it. */
  public boolean paused() {
    return Boolean.FALSE.equals(sendingEnabled)
        || "DISABLED".equals(customerManagedStatus)
        || pausedByAws();
  }

  public boolean pausedByAws() {
    return "DISABLED".equals(awsManagedStatus);
  }

  /** For the action log. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (sendingEnabled != null) {
      m.put("sending_enabled", sendingEnabled);
    }
    if (customerManagedStatus != null) {
      m.put("customer_managed_status", customerManagedStatus);
    }
    if (awsManagedStatus != null) {
      m.put("aws_managed_status", awsManagedStatus);
    }
    if (awsManagedCause != null) {
      m.put("aws_managed_cause", awsManagedCause);
    }
    if (tenantArn != null) {
      m.put("tenant_arn", tenantArn);
    }
    return m;
  }

  static ScopeState fromMap(Map<String, Object> m) {
    if (m == null) {
      return null;
    }
    return new ScopeState(
        (Boolean) m.get("sending_enabled"),
        (String) m.get("customer_managed_status"),
        (String) m.get("aws_managed_status"),
        (String) m.get("aws_managed_cause"),
        (String) m.get("tenant_arn"));
  }
}
