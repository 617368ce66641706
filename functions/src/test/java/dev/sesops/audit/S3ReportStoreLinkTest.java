package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Report links: the SDK's presigner, for a lifetime that never outlives the credentials. */
class S3ReportStoreLinkTest {
  private static final Instant NOW = Instant.parse("2026-12-08T03:00:00Z");
  private static final Duration TWELVE_HOURS = Duration.ofHours(12);

  @Test
  void lifetime_isTheRequested_whenTheCredentialsSayNoExpiry() {
    assertThat(S3ReportStore.lifetime(TWELVE_HOURS, Optional.empty(), NOW)).isEqualTo(TWELVE_HOURS);
  }

  @Test
  void lifetime_endsFiveMinutesBeforeTheCredentialsExpire() {
    assertThat(
            S3ReportStore.lifetime(TWELVE_HOURS, Optional.of(NOW.plus(Duration.ofHours(1))), NOW))
        .isEqualTo(Duration.ofMinutes(55));
  }

  @Test
  void lifetime_isCappedAtSigV4sSevenDays() {
    assertThat(S3ReportStore.lifetime(Duration.ofDays(30), Optional.empty(), NOW))
        .isEqualTo(Duration.ofDays(7));
  }

  @Test
  void lifetime_isNone_whenTheCredentialsExpireWithinTheMargin() {
    assertThat(
            S3ReportStore.lifetime(TWELVE_HOURS, Optional.of(NOW.plus(Duration.ofMinutes(5))), NOW))
        .isNull();
  }

  @Test
  void link_isPresignedPathStyle_withTheSessionToken_andExpiresWithTheCredentials() {
    AwsSessionCredentials session =
        AwsSessionCredentials.builder()
            .accessKeyId("AKIDEXAMPLE")
            .secretAccessKey("secret")
            .sessionToken("the-token")
            .expirationTime(NOW.plus(Duration.ofHours(2)))
            .build();
    String url =
        store(StaticCredentialsProvider.create(session)).link("audits/a.html", TWELVE_HOURS);
    assertThat(url)
        .startsWith("http://127.0.0.1:5999/reports/audits/a.html?")
        .contains("X-Amz-Expires=6900") // 2 h less the 5-minute margin
        .contains("X-Amz-Security-Token=the-token")
        .contains("X-Amz-Credential=AKIDEXAMPLE%2F")
        .contains("X-Amz-Signature=");
  }

  @Test
  void link_lastsTheRequestedLifetime_withLongTermKeys() {
    String url =
        store(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
            .link("audits/a.html", TWELVE_HOURS);
    assertThat(url).contains("X-Amz-Expires=43200").doesNotContain("X-Amz-Security-Token");
  }

  private static S3ReportStore store(StaticCredentialsProvider credentials) {
    S3Client s3 =
        S3Client.builder()
            .region(Region.EU_WEST_1)
            .credentialsProvider(credentials)
            .endpointOverride(URI.create("http://127.0.0.1:5999"))
            .forcePathStyle(true)
            .build();
    return new S3ReportStore(s3, "reports", Clock.fixed(NOW, ZoneOffset.UTC));
  }
}
