package dev.sesops.audit;

import java.util.List;

/**
 * What SES v2 GetAccount says about sending health. Booleans are null when SES left them out.
 *
 * @param enforcementStatus HEALTHY, PROBATION, SHUTDOWN, or anything else (then: unknown)
 * @param suppressedReasons the account-level suppression list's reasons (BOUNCE, COMPLAINT)
 */
record AccountStatus(Boolean sendingEnabled, String enforcementStatus, Boolean productionAccessEnabled,
    List<String> suppressedReasons) {}
