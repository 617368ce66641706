package dev.sesops.protection;

import java.time.Instant;
import java.util.List;

/**
 * The action log's copy in the report bucket: {@code actions/ACCOUNT/YYYY/MM/DD/RUN-ID.jsonl}, one
 * object per run.
 */
public interface ActionTrail {
  /**
   * Writes the run's object with every line so far (S3 objects are replaced, not appended).
   *
   * @return where it is ({@code s3://bucket/actions/...})
   * @throws ProtectionException when it cannot be written
   */
  String write(String account, String runId, Instant runStarted, List<ActionRecord> lines);
}
