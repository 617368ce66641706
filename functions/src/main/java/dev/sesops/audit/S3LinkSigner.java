package dev.sesops.audit;

import static dev.sesops.common.SigV4Crypto.hex;
import static dev.sesops.common.SigV4Crypto.hmac;
import static dev.sesops.common.SigV4Crypto.sha256;

import dev.sesops.common.SigV4Crypto;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pre-signed S3 GET URL (SigV4 query-string authentication, AWS's "Authenticating Requests: Using
 * Query Parameters"), JDK crypto only: the SDK's S3Presigner costs the Lambda jar about 0.1 MB.
 * Host-style {@code https://BUCKET.s3.REGION.amazonaws.com/KEY}, or path-style under an endpoint
 * override (the emulator).
 */
final class S3LinkSigner {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private S3LinkSigner() {}

  /**
   * @param endpoint null for AWS itself, else the override (path-style)
   * @param sessionToken null for long-term keys
   */
  static String presignGet(
      String bucket,
      String key,
      String region,
      URI endpoint,
      String accessKeyId,
      String secretKey,
      String sessionToken,
      Instant now,
      Duration validity) {
    String amzDate = AMZ_DATE.format(now);
    String day = amzDate.substring(0, 8);
    String scope = day + "/" + region + "/s3/aws4_request";
    String host;
    String path;
    String scheme;
    if (endpoint == null) {
      scheme = "https";
      host = bucket + ".s3." + (region.equals("us-east-1") ? "" : region + ".") + "amazonaws.com";
      path = "/" + encodePath(key);
    } else {
      scheme = endpoint.getScheme();
      host = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
      path = "/" + encode(bucket) + "/" + encodePath(key);
    }
    Map<String, String> q = new TreeMap<>();
    q.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    q.put("X-Amz-Credential", accessKeyId + "/" + scope);
    q.put("X-Amz-Date", amzDate);
    q.put("X-Amz-Expires", String.valueOf(validity.toSeconds()));
    q.put("X-Amz-SignedHeaders", "host");
    if (sessionToken != null) {
      q.put("X-Amz-Security-Token", sessionToken);
    }
    StringBuilder query = new StringBuilder();
    q.forEach(
        (k, v) ->
            query
                .append(query.length() == 0 ? "" : "&")
                .append(encode(k))
                .append('=')
                .append(encode(v)));
    String canonical =
        "GET\n" + path + "\n" + query + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    String signature = hex(hmac(SigV4Crypto.signingKey(secretKey, day, region, "s3"), toSign));
    return scheme + "://" + host + path + "?" + query + "&X-Amz-Signature=" + signature;
  }

  /** RFC 3986 unreserved characters stay, everything else is %XX (SigV4's URI encoding). */
  static String encode(String s) {
    return SigV4Crypto.uriEncode(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String encodePath(String key) {
    StringBuilder b = new StringBuilder();
    for (String seg : key.split("/", -1)) {
      b.append(b.length() == 0 ? "" : "/").append(encode(seg));
    }
    return b.toString();
  }
}
