package dev.sesops.audit;

import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Json;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reports as JSON objects in the report bucket; the latest is the greatest key under the account's
 * prefix.
 */
public final class S3ReportStore implements ReportStore {
  private final S3Client s3;
  private final String bucket;

  public S3ReportStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public void putHtml(String key, String html) {
    try {
      s3.putObject(
          b -> b.bucket(bucket).key(key).contentType("text/html; charset=utf-8"),
          RequestBody.fromString(html));
    } catch (SdkException e) {
      throw new AuditException("HTML report " + key + " not stored: " + SdkErrors.describe(e), e);
    }
  }

  @Override
  public String link(String key, java.time.Duration validity) {
    // signed with the client's own Region, credentials and endpoint
    try {
      var config = s3.serviceClientConfiguration();
      var id = config.credentialsProvider().resolveIdentity().join();
      String token =
          id instanceof software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity session
              ? session.sessionToken()
              : null;
      return S3LinkSigner.presignGet(
          bucket,
          key,
          config.region().id(),
          config.endpointOverride().orElse(null),
          id.accessKeyId(),
          id.secretAccessKey(),
          token,
          java.time.Instant.now(),
          validity);
    } catch (RuntimeException e) {
      return null; // no credentials to sign with: the alert goes out without a link
    }
  }

  @Override
  public Optional<Stored> latest(String account) {
    String latest = null;
    try {
      String token = null;
      do {
        String t = token;
        ListObjectsV2Response page =
            s3.listObjectsV2(
                b -> b.bucket(bucket).prefix(ReportStore.prefix(account)).continuationToken(t));
        for (S3Object o : page.contents()) {
          if (o.key().endsWith(".json") && (latest == null || o.key().compareTo(latest) > 0)) {
            latest = o.key();
          }
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
      if (latest == null) {
        return Optional.empty();
      }
      String key = latest;
      byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
      return Optional.of(new Stored(key, Json.MAPPER.readValue(body, AccountAudit.class)));
    } catch (SdkException e) {
      throw new AuditException(
          "previous report of " + account + " not read: " + SdkErrors.describe(e), e);
    } catch (IOException e) {
      throw new AuditException(
          "previous report "
              + latest
              + " is not a readable report: "
              + e.getClass().getSimpleName(),
          e);
    }
  }

  @Override
  public String put(AccountAudit report) {
    String key = ReportStore.key(report);
    try {
      s3.putObject(
          b -> b.bucket(bucket).key(key).contentType("application/json"),
          RequestBody.fromString(Json.pretty(report)));
      return key;
    } catch (SdkException e) {
      throw new AuditException("report " + key + " not stored: " + SdkErrors.describe(e), e);
    }
  }
}
