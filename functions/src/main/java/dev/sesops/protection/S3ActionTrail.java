package dev.sesops.protection;

import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The action log's copy in the report bucket, one JSON line per record, one object per account and
 * run.
 */
public final class S3ActionTrail implements ActionTrail {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final S3Client s3;
  private final String bucket;

  public S3ActionTrail(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /**
   * {@code actions/ACCOUNT/YYYY/MM/DD/RUN-ID.jsonl}; the run id keeps only characters safe in a
   * key.
   */
  static String key(String account, String runId, Instant runStarted) {
    return "actions/"
        + account
        + "/"
        + DAY.format(runStarted)
        + "/"
        + runId.replaceAll("[^A-Za-z0-9._-]", "_")
        + ".jsonl";
  }

  @Override
  public String write(String account, String runId, Instant runStarted, List<ActionRecord> lines) {
    String key = key(account, runId, runStarted);
    StringBuilder sb = new StringBuilder();
    for (ActionRecord r : lines) {
      sb.append(Json.write(r)).append('\n');
    }
    try {
      s3.putObject(
          r -> r.bucket(bucket).key(key).contentType("application/x-ndjson"),
          RequestBody.fromString(sb.toString(), StandardCharsets.UTF_8));
    } catch (SdkException e) {
      throw new ProtectionException(
          "action log not written to s3://" + bucket + "/" + key + ": " + SdkErrors.describe(e), e);
    }
    return "s3://" + bucket + "/" + key;
  }
}
