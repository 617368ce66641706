package dev.sesops.reports;

import java.util.List;

/**
 * One invocation's outcome: objects read, reports stored (and duplicates skipped), records,
 * rejections with their object key and reason, the alerts sent (their checks), and the verdicts of
 * the domains touched.
 */
public record IngestResult(
    int objects,
    int reports,
    int tlsReports,
    int duplicates,
    long records,
    List<ParsedObject.Rejection> rejected,
    List<String> alerts,
    List<Verdict> verdicts) {}
