package dev.sesops.audit;

import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Reports as JSON objects in the report bucket; the latest is the greatest key under the account's
 * prefix.
 */
public final class S3ReportStore implements ReportStore {
  /** SigV4's longest pre-signed URL. */
  static final Duration MAX_LIFETIME = Duration.ofDays(7);

  /** A link ends this long before its signing credentials do (clock skew, delivery). */
  static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);

  private final S3Client s3;
  private final String bucket;
  private final Clock clock;
  private volatile S3Presigner presigner;

  public S3ReportStore(S3Client s3, String bucket) {
    this(s3, bucket, Clock.systemUTC());
  }

  S3ReportStore(S3Client s3, String bucket, Clock clock) {
    this.s3 = s3;
    this.bucket = bucket;
    this.clock = clock;
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

  /**
   * Signed by the SDK's {@link S3Presigner} with the client's own Region, credentials and endpoint
   * (path-style under an endpoint override, as the emulator needs). The link never outlives the
   * credentials that sign it: see {@link #lifetime}.
   */
  @Override
  public String link(String key, Duration validity) {
    try {
      var config = s3.serviceClientConfiguration();
      Instant now = clock.instant();
      Optional<Instant> expires =
          config.credentialsProvider().resolveIdentity().join().expirationTime();
      Duration lifetime = lifetime(validity, expires, now);
      if (lifetime == null) {
        return null; // the credentials expire too soon: the alert goes out without a link
      }
      return presigner(config)
          .presignGetObject(
              r -> r.signatureDuration(lifetime).getObjectRequest(g -> g.bucket(bucket).key(key)))
          .url()
          .toString();
    } catch (RuntimeException e) {
      return null; // no credentials to sign with: the alert goes out without a link
    }
  }

  /**
   * How long a link may be valid: the lifetime asked for, at most SigV4's 7 days, and ending {@link
   * #EXPIRY_MARGIN} before the signing credentials expire when they say when (session credentials
   * from STS or the container endpoint do; Lambda's environment credentials do not, so there the
   * lifetime asked for is the bound, 12 hours for the audit's links). Null when less than a minute
   * would be left.
   */
  static Duration lifetime(Duration requested, Optional<Instant> credentialsExpire, Instant now) {
    Duration d = requested.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : requested;
    if (credentialsExpire.isPresent()) {
      Duration left = Duration.between(now, credentialsExpire.get()).minus(EXPIRY_MARGIN);
      d = left.compareTo(d) < 0 ? left : d;
    }
    return d.compareTo(Duration.ofMinutes(1)) < 0 ? null : d.withNanos(0);
  }

  private S3Presigner presigner(S3ServiceClientConfiguration config) {
    S3Presigner p = presigner;
    if (p == null) {
      S3Presigner.Builder b =
          S3Presigner.builder()
              .region(config.region())
              .credentialsProvider(config.credentialsProvider());
      config
          .endpointOverride()
          .ifPresent(
              endpoint ->
                  b.endpointOverride(endpoint)
                      .serviceConfiguration(
                          S3Configuration.builder().pathStyleAccessEnabled(true).build()));
      p = b.build();
      presigner = p;
    }
    return p;
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
