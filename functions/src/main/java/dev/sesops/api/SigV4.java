package dev.sesops.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 for API Gateway ({@code execute-api}) with the SDK's own signer: the CLI signs with it, and
 * the local server verifies by signing the received request again with the same signer.
 */
public final class SigV4 {
  public static final String SERVICE = "execute-api";
  private static final Pattern AUTH = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private SigV4() {}

  /** Signs a request (method, full URI with encoded path and query, headers, body) for execute-api. */
  public static SdkHttpFullRequest sign(String method, URI uri, Map<String, String> headers, byte[] body,
      AwsCredentialsIdentity credentials, String region, Clock clock) {
    SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(b::putHeader);
    byte[] payload = body == null ? new byte[0] : body;
    SdkHttpRequest unsigned = b.build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(credentials)
        .request(unsigned)
        .payload(ContentStreamProvider.fromByteArray(payload))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
    return SdkHttpFullRequest.builder()
        .method(signed.method()).uri(signed.getUri()).headers(signed.headers())
        .contentStreamProvider(ContentStreamProvider.fromByteArray(payload)).build();
  }

  /** Why a request failed verification, or null when its signature is good. */
  public static String verify(String method, URI uri, Map<String, List<String>> headers, byte[] body,
      AwsCredentialsIdentity expected, Clock clock) {
    String auth = first(headers, "authorization");
    if (auth == null) {
      return "missing Authorization header";
    }
    Matcher m = AUTH.matcher(auth);
    if (!m.matches()) {
      return "Authorization is not an AWS4-HMAC-SHA256 signature";
    }
    if (!SERVICE.equals(m.group(4))) {
      return "signed for service " + m.group(4) + ", not " + SERVICE;
    }
    if (!m.group(1).equals(expected.accessKeyId())) {
      return "unknown access key";
    }
    String date = first(headers, "x-amz-date");
    Instant signedAt;
    try {
      signedAt = date == null ? null : Instant.from(AMZ_DATE.parse(date));
    } catch (DateTimeParseException e) {
      signedAt = null;
    }
    if (signedAt == null) {
      return "missing or malformed X-Amz-Date";
    }
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
      return "signature expired or from the future (X-Amz-Date more than 5 minutes off)";
    }
    Map<String, String> signedHeaders = new java.util.LinkedHashMap<>();
    for (String h : m.group(5).split(";")) {
      String v = first(headers, h);
      if (v == null) {
        return "signed header " + h + " is missing";
      }
      if (!h.equals("host") && !h.equals("x-amz-date")) {
        signedHeaders.put(h, v);
      }
    }
    String host = first(headers, "host");
    if (host == null) {
      return "missing Host header";
    }
    URI asSeen = URI.create(uri.getScheme() + "://" + host + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    SdkHttpFullRequest again = sign(method, asSeen, signedHeaders, body,
        expected, m.group(3), Clock.fixed(signedAt, ZoneOffset.UTC));
    String expectedAuth = again.firstMatchingHeader("Authorization").orElse("");
    Matcher e = AUTH.matcher(expectedAuth);
    if (!e.matches() || !e.group(5).equals(m.group(5))
        || !MessageDigest.isEqual(e.group(6).getBytes(StandardCharsets.US_ASCII), m.group(6).getBytes(StandardCharsets.US_ASCII))) {
      return "signature does not match";
    }
    return null;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }
}
