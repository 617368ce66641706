package dev.sesops.audit;

import java.util.List;
import java.util.Map;

/**
 * One sending domain in the report: a cell per DNS area (DKIM, SPF, DMARC, MAIL FROM, MTA-STS,
 * TLS-RPT, BIMI, DNSSEC) and the bulk-sender readiness rows. Status words are shown as text beside
 * their colour.
 *
 * @param checks area -> cell; status is pass, warn, fail, info, absent, unknown or n/a
 * @param readiness Gmail's and Yahoo's bulk-sender requirements (February 2024), one row each
 * @param dmarc what the DMARC aggregate reports of the last 30 days say (null: not read, or an
 *     older report)
 */
record DomainReport(
    String domain, Map<String, Cell> checks, List<ReadinessRow> readiness, DmarcSection dmarc) {

  DomainReport(String domain, Map<String, Cell> checks, List<ReadinessRow> readiness) {
    this(domain, checks, readiness, null);
  }

  DomainReport withDmarc(DmarcSection section) {
    return new DomainReport(domain, checks, readiness, section);
  }

  /** One area's state and a short reason. */
  public record Cell(String status, String text) {}

  /** One requirement: pass, fail or unknown, and why. */
  public record ReadinessRow(String requirement, String status, String why) {}
}
