package dev.sesops.reports;

import java.time.Instant;
import java.util.List;

/**
 * One SMTP TLS report (RFC 8460): sessions per policy, successful and failed, with the failure
 * types.
 */
record TlsReport(String org, String reportId, Instant begin, Instant end, List<Policy> policies) {

  /**
   * @param type sts, tlsa or no-policy-found
   * @param domain the policy domain
   * @param failures failure type (e.g. certificate-expired) to session count
   */
  record Policy(
      String type,
      String domain,
      long successful,
      long failed,
      java.util.Map<String, Long> failures) {}
}
