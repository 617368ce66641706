package dev.sesops.ses;

/**
 * A reputation entity ({@code ListReputationEntities} / {@code GetReputationEntity}): for a tenant,
 * its reference is the tenant's ARN. The aggregate status is DISABLED when either managed status
 * is.
 *
 * @param policy the ARN of the reputation management policy applied (an SES-managed policy)
 * @param impact the highest impact of the entity's open findings (LOW, HIGH), or null
 */
public record ReputationRecord(
    String reference,
    String type,
    String policy,
    EntityStatus customerManaged,
    EntityStatus awsManaged,
    String aggregate,
    String impact) {

  /** One managed status: ENABLED, REINSTATED or DISABLED, why, and when it last changed. */
  public record EntityStatus(String status, String cause, java.time.Instant lastUpdated) {}
}
