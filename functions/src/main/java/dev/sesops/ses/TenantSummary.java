package dev.sesops.ses;

import java.time.Instant;

/**
 * A tenant as {@code ListTenants} / {@code GetTenant} list it: name, id, ARN, aggregate sending
 * status.
 */
public record TenantSummary(
    String name, String id, String arn, String sendingStatus, Instant createdTimestamp) {}
