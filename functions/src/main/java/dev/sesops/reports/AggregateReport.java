package dev.sesops.reports;

import java.time.Instant;
import java.util.List;

/**
 * One DMARC aggregate report (RFC 7489 appendix C, or the DMARCbis aggregate format).
 *
 * @param org the reporting organisation ({@code org_name})
 * @param reportId the reporter's id for this report; (org, reportId) identifies it
 * @param begin start of the period the report covers
 * @param end end of that period
 * @param policy the policy the receiver found published
 * @param records one per (source, evaluation) row
 * @param format {@code rfc7489} or {@code dmarcbis}
 */
record AggregateReport(
    String org,
    String reportId,
    Instant begin,
    Instant end,
    PolicyPublished policy,
    List<ReportRecord> records,
    String format) {

  /** The policy the receiver saw; optional fields are null when the reporter left them out. */
  record PolicyPublished(
      String domain, String adkim, String aspf, String p, String sp, Integer pct, String np) {}

  /**
   * A DKIM or SPF result from {@code auth_results}: the domain it was for, its verdict (lower
   * case), selector or scope.
   */
  record AuthResult(String domain, String result, String detail) {}

  /**
   * One row: {@code count} messages from {@code sourceIp} evaluated alike.
   *
   * @param dkim the DMARC-aligned DKIM verdict ({@code policy_evaluated}), lower case
   * @param spf the DMARC-aligned SPF verdict, lower case
   * @param disposition what the receiver did: none, quarantine, reject (lower case)
   */
  record ReportRecord(
      String sourceIp,
      long count,
      String disposition,
      String dkim,
      String spf,
      String headerFrom,
      String envelopeFrom,
      List<AuthResult> dkimResults,
      List<AuthResult> spfResults) {

    boolean dmarcPass() {
      return "pass".equals(dkim) || "pass".equals(spf);
    }
  }

  long messages() {
    long n = 0;
    for (ReportRecord r : records) {
      n += r.count();
    }
    return n;
  }
}
