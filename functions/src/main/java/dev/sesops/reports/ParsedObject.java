package dev.sesops.reports;

import java.util.List;

/**
 * What one stored object held: the reports read, and the documents refused inside it (with
 * reasons).
 */
record ParsedObject(
    String key, List<AggregateReport> dmarc, List<TlsReport> tls, List<Rejection> rejected) {

  /** An object, or a document inside one, that was refused: its key (or key!entry) and why. */
  record Rejection(String key, String reason) {}
}
