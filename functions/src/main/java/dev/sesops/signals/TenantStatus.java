package dev.sesops.signals;

import dev.sesops.ses.ReputationRecord;
import java.util.Locale;

/**
 * What ses-ops knows about one tenant: its aggregate sending status, the customer-managed and
 * AWS-managed statuses with their causes, and the reputation policy. Reusable by anything that
 * decides about tenants (the monitor, the API, containment).
 *
 * @param reputation null when the reputation entity was not read (a healthy tenant in a monitor
 *     run)
 */
public record TenantStatus(
    String name, String id, String arn, String sendingStatus, ReputationRecord reputation) {

  /** Paused: SES will not send for it (aggregate DISABLED, or either managed status DISABLED). */
  public boolean paused() {
    if (is(sendingStatus, "DISABLED")) {
      return true;
    }
    return reputation != null
        && (is(reputation.aggregate(), "DISABLED")
            || (reputation.customerManaged() != null
                && is(reputation.customerManaged().status(), "DISABLED"))
            || (reputation.awsManaged() != null
                && is(reputation.awsManaged().status(), "DISABLED")));
  }

  /** Who paused it: "AWS", "the customer", both, or null when not paused or not known. */
  public String pausedBy() {
    if (reputation == null) {
      return null;
    }
    boolean aws =
        reputation.awsManaged() != null && is(reputation.awsManaged().status(), "DISABLED");
    boolean customer =
        reputation.customerManaged() != null
            && is(reputation.customerManaged().status(), "DISABLED");
    if (aws && customer) {
      return "AWS and the customer";
    }
    return aws ? "AWS" : customer ? "the customer" : null;
  }

  /** The cause SES gave for the pause (AWS-managed first), or null. */
  public String cause() {
    if (reputation == null) {
      return null;
    }
    if (reputation.awsManaged() != null
        && is(reputation.awsManaged().status(), "DISABLED")
        && reputation.awsManaged().cause() != null) {
      return reputation.awsManaged().cause();
    }
    if (reputation.customerManaged() != null && reputation.customerManaged().cause() != null) {
      return reputation.customerManaged().cause();
    }
    return reputation.awsManaged() == null ? null : reputation.awsManaged().cause();
  }

  /**
   * The policy's short name ({@code standard} of {@code arn:aws:ses:::reputation-policy/standard}).
   */
  public String policyName() {
    return reputation == null || reputation.policy() == null
        ? null
        : Arns.shortName(reputation.policy());
  }

  private static boolean is(String value, String expected) {
    return value != null && value.toUpperCase(Locale.ROOT).equals(expected);
  }
}
