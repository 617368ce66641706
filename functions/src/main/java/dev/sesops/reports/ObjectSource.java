package dev.sesops.reports;

/** Reads a stored report object (a port: S3 when deployed, files locally). */
interface ObjectSource {
  /**
   * At most {@code maxBytes + 1} bytes of the object, so a caller can tell it is too large without
   * reading it all.
   *
   * @throws ReportsException when it cannot be read (retryable)
   */
  byte[] read(String bucket, String key, long maxBytes);
}
