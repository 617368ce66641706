package dev.sesops.reports;

/**
 * What one report object may cost to read: bytes in, bytes after decompression (in total, across
 * nested archives), the decompression ratio (a zip bomb's tell), archive entries, and records.
 */
public record ReportLimits(
    long maxObjectBytes, long maxDecompressedBytes, int maxRatio, int maxEntries, int maxRecords) {

  /** Real reports are kilobytes; the largest reporters' daily files stay well under these. */
  public static ReportLimits defaults() {
    return new ReportLimits(10_000_000L, 100_000_000L, 200, 20, 500_000);
  }

  public ReportLimits {
    if (maxObjectBytes <= 0
        || maxDecompressedBytes <= 0
        || maxRatio <= 0
        || maxEntries <= 0
        || maxRecords <= 0) {
      throw new IllegalArgumentException("report limits must be positive");
    }
  }
}
