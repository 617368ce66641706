package dev.sesops.audit;

import java.time.Instant;
import java.util.List;

/**
 * One audit run over one or more accounts: what the handler and the API return.
 *
 * @param reportKeys S3 keys of the stored account reports
 * @param summary a few lines for people
 * @param failures accounts whose report could not be stored or whose audit broke (never secrets)
 */
public record AuditReport(
    String runId,
    Instant startedAt,
    Instant finishedAt,
    List<AccountAudit> accounts,
    List<String> reportKeys,
    List<String> alertsSent,
    List<String> failures,
    List<String> summary) {}
