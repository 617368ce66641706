package dev.sesops.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Where reports' aggregates go (a port: S3 JSON lines and the state table when deployed). */
public interface ReportStore {
  /**
   * Writes one report's aggregates, once: a report already stored (same reporting organisation and
   * report id) changes nothing.
   *
   * @return false for a duplicate
   */
  boolean store(AggregateReport report, List<Aggregate> aggregates);

  /** Writes one TLS report's summary, once per (organisation, report id); false for a duplicate. */
  boolean storeTls(TlsReport report);

  /** The day summaries of a domain from {@code from} to {@code to}, both included. */
  List<DaySummary> summaries(String domain, LocalDate from, LocalDate to);

  /** The policy most recently reported as published for the domain. */
  Optional<AggregateReport.PolicyPublished> policy(String domain);
}
