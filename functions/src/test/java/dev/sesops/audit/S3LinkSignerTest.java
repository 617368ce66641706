package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The pre-signed GET on AWS's own published example (S3 docs, "Authenticating Requests: Using Query
 * Parameters").
 */
class S3LinkSignerTest {
  @Test
  void presignGet_matchesAwssPublishedExample() {
    String url =
        S3LinkSigner.presignGet(
            "examplebucket",
            "test.txt",
            "us-east-1",
            null,
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            null,
            Instant.parse("2013-05-24T00:00:00Z"),
            Duration.ofSeconds(86400));
    assertThat(url)
        .isEqualTo(
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
                + "&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  }

  @Test
  void presignGet_usesPathStyleUnderAnEndpoint_andCarriesTheSessionToken() {
    String url =
        S3LinkSigner.presignGet(
            "b",
            "audits/p/2026/12/03/r.html",
            "eu-west-1",
            URI.create("http://127.0.0.1:5121"),
            "AKID",
            "secret",
            "tok/en+",
            Instant.parse("2026-12-03T00:00:00Z"),
            Duration.ofDays(7));
    assertThat(url)
        .startsWith("http://127.0.0.1:5121/b/audits/p/2026/12/03/r.html?")
        .contains("X-Amz-Expires=604800")
        .contains("X-Amz-Security-Token=tok%2Fen%2B");
  }
}
