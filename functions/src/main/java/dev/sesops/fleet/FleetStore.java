package dev.sesops.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A fleet run's objects in the report bucket, under {@code fleet/JOB/RUN/}: the items the
 * Distributed Map reads ({@code items.json}, a JSON array), the plan ({@code plan.json}: skipped
 * accounts, a discovery failure), the Map's results (written by Step Functions under {@code
 * results/}) and the summary.
 */
public final class FleetStore {
  static final String PREFIX = "fleet/";

  private final S3Client s3;
  private final String bucket;

  public FleetStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  String bucket() {
    return bucket;
  }

  static String runPrefix(FleetJob job, String runId) {
    return PREFIX + job.id() + "/" + runId + "/";
  }

  void put(String key, Object value) {
    s3.putObject(
        b -> b.bucket(bucket).key(key).contentType("application/json"),
        RequestBody.fromString(Json.write(value)));
  }

  JsonNode get(String key) {
    return Json.read(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
  }

  Optional<JsonNode> find(String key) {
    try {
      return Optional.of(get(key));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  /**
   * The first {@code manifest.json} Step Functions wrote under a prefix (a failed map run has no
   * output to name it).
   */
  Optional<String> manifestUnder(String prefix) {
    String token = null;
    do {
      String t = token;
      var page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(t));
      List<S3Object> objects = page.contents();
      for (S3Object o : objects) {
        if (o.key().endsWith("/manifest.json")) {
          return Optional.of(o.key());
        }
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return Optional.empty();
  }
}
