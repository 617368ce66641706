package dev.sesops.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The audit of one account in one run: the document kept in S3 at {@code
 * audits/ACCOUNT/YYYY/MM/DD/RUN-ID.json}.
 *
 * @param checks per check area (account, credentials, configuration_sets, identities, drift, dns):
 *     {@code ok}, {@code failed: WHY}, {@code partial: WHAT WAS NOT REACHED} or {@code not reached}
 * @param complete every check ran to the end
 * @param notReached what the run did not reach before its deadline (empty when complete)
 * @param findings sorted by severity, then id, then resource
 * @param counts findings per severity
 * @param score 100 less the findings' weights, at least 0
 * @param newFindings keys ({@code id|resource}) of findings not in the previous report
 * @param resolved findings of the previous report that are fixed now
 * @param unverified findings of the previous report this run could not re-check (a check failed or
 *     was not reached): carried over, so they are neither "resolved" nor "new" next time
 * @param pendingAlerts keys of new HIGH/CRITICAL findings not alerted yet (notify off or publish
 *     failed): the next run still treats them as new
 * @param identities how many identities SES holds (domains, email addresses)
 * @param sesCalls SES control-plane calls this account's audit made
 * @param previousReport the S3 key of the report this one was compared with (null: none)
 * @param domains per sending domain: the DNS areas and the bulk-sender readiness rows (null in
 *     older reports)
 * @param scoreHistory this score and the previous reports', oldest first, at most {@link
 *     ScorePoint#KEEP}
 */
public record AccountAudit(
    String account,
    String region,
    String runId,
    Instant startedAt,
    Instant finishedAt,
    Map<String, String> checks,
    boolean complete,
    List<String> notReached,
    List<Finding> findings,
    Map<Severity, Integer> counts,
    int score,
    List<String> newFindings,
    List<Finding> resolved,
    List<Finding> unverified,
    List<String> pendingAlerts,
    Map<String, Integer> identities,
    long sesCalls,
    String previousReport,
    List<DomainReport> domains,
    List<ScorePoint> scoreHistory) {}
