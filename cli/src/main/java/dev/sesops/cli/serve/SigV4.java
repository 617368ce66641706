package dev.sesops.cli.serve;

import static dev.sesops.cli.serve.SigV4Crypto.hex;
import static dev.sesops.cli.serve.SigV4Crypto.hmac;
import static dev.sesops.cli.serve.SigV4Crypto.sha256;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * SigV4 for API Gateway ({@code execute-api}). Signing uses the SDK's own signer (the CLI).
 * Verifying (the local server) rebuilds the canonical request the client signed, from the client's
 * own {@code SignedHeaders}, and checks its signature with the HMAC chain, so any correct SigV4
 * client passes, whichever optional headers it chose to sign.
 */
public final class SigV4 {
  public static final String SERVICE = "execute-api";
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final Pattern AUTH =
      Pattern.compile(
          "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*SignedHeaders=([a-z0-9;_.-]+),\\s*Signature=([0-9a-f]{64})\\s*");
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final String CONTENT_SHA256 = "x-amz-content-sha256";
  private static final String SECURITY_TOKEN = "x-amz-security-token";

  private SigV4() {}

  /**
   * Signs a request (method, full URI with encoded path and query, headers, body) for execute-api.
   */
  public static SdkHttpFullRequest sign(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      AwsCredentialsIdentity credentials,
      String region,
      Clock clock) {
    SdkHttpFullRequest.Builder b =
        SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(b::putHeader);
    byte[] payload = body == null ? new byte[0] : body;
    SdkHttpRequest unsigned = b.build();
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials)
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
            .request();
    return SdkHttpFullRequest.builder()
        .method(signed.method())
        .uri(signed.getUri())
        .headers(signed.headers())
        .contentStreamProvider(ContentStreamProvider.fromByteArray(payload))
        .build();
  }

  /**
   * Why a request signed for execute-api failed verification, or null when its signature is good.
   * The URI carries the path and query exactly as received (still percent-encoded); header names
   * are matched without regard to case. A session token is required when {@code expected} has one,
   * and refused when it has none. Reasons never contain a key, a secret, a token or a signature.
   */
  public static String verify(
      String method,
      URI uri,
      Map<String, List<String>> headers,
      byte[] body,
      AwsCredentialsIdentity expected,
      Clock clock) {
    return verify(method, uri, headers, body, expected, clock, SERVICE);
  }

  /** {@link #verify} for another signing name: the AWS test suite signs for {@code service}. */
  static String verify(
      String method,
      URI uri,
      Map<String, List<String>> headers,
      byte[] body,
      AwsCredentialsIdentity expected,
      Clock clock,
      String service) {
    Map<String, List<String>> h = lowerCase(headers);
    String auth = first(h, "authorization");
    if (auth == null) {
      return "missing Authorization header";
    }
    Matcher m = AUTH.matcher(auth);
    if (!m.matches()) {
      return "Authorization is not an AWS4-HMAC-SHA256 signature (Credential=, SignedHeaders=, Signature=)";
    }
    String keyId = m.group(1);
    String scopeDate = m.group(2);
    String region = m.group(3);
    String signedService = m.group(4);
    List<String> signedHeaders = List.of(m.group(5).split(";"));
    String signature = m.group(6);
    if (!service.equals(signedService)) {
      return "signed for service " + signedService + ", not " + service;
    }
    if (!constantTimeEquals(keyId, expected.accessKeyId())) {
      return "unknown access key id";
    }
    String date = first(h, "x-amz-date");
    Instant signedAt = parseDate(date);
    if (signedAt == null) {
      return "missing or malformed X-Amz-Date (want yyyyMMddTHHmmssZ)";
    }
    if (!date.startsWith(scopeDate)) {
      return "the credential scope's date is not the date of X-Amz-Date";
    }
    if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
      return "signature expired or from the future (X-Amz-Date more than 5 minutes off)";
    }
    if (!signedHeaders.contains("host")) {
      return "host is not among the signed headers";
    }
    if (!signedHeaders.contains("x-amz-date")) {
      return "x-amz-date is not among the signed headers";
    }
    for (String name : signedHeaders) {
      if (!h.containsKey(name)) {
        return "signed header " + name + " is missing from the request";
      }
    }
    String tokenProblem = checkToken(first(h, SECURITY_TOKEN), expected);
    if (tokenProblem != null) {
      return tokenProblem;
    }
    byte[] payload = body == null ? new byte[0] : body;
    String bodyHash = hex(sha256(payload));
    String payloadHash = bodyHash;
    if (signedHeaders.contains(CONTENT_SHA256)) {
      String declared = first(h, CONTENT_SHA256).trim();
      if (!HEX_SHA256.matcher(declared).matches()) {
        return "x-amz-content-sha256 must be the hex SHA-256 of the body (unsigned and streaming payloads are not accepted)";
      }
      if (!declared.equals(bodyHash)) {
        return "x-amz-content-sha256 does not match the body";
      }
      payloadHash = declared;
    }
    String canonical =
        canonicalRequest(
            method, uri.getRawPath(), uri.getRawQuery(), h, signedHeaders, payloadHash);
    String scope = scopeDate + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        ALGORITHM
            + "\n"
            + date
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    String computed =
        hex(hmac(signingKey(expected.secretAccessKey(), scopeDate, region, service), stringToSign));
    if (!constantTimeEquals(computed, signature)) {
      return "signature does not match (check the secret key, and that path, query, signed headers and body are sent as signed)";
    }
    return null;
  }

  /**
   * SigV4 task 1: method, canonical URI, canonical query, canonical headers, signed headers,
   * payload hash.
   */
  static String canonicalRequest(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> lowerCaseHeaders,
      List<String> signedHeaders,
      String payloadHash) {
    StringBuilder sb = new StringBuilder();
    sb.append(method.toUpperCase(Locale.ROOT)).append('\n');
    sb.append(canonicalUri(rawPath)).append('\n');
    sb.append(canonicalQuery(rawQuery)).append('\n');
    for (String name : signedHeaders) {
      sb.append(name)
          .append(':')
          .append(canonicalHeaderValue(lowerCaseHeaders.get(name)))
          .append('\n');
    }
    sb.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
    return sb.toString();
  }

  /**
   * The path as received, normalized (RFC 3986: no "." or ".." segments, no empty segments, as
   * botocore and the JavaScript SDK sign it), each segment URI-encoded once more (SigV4 for every
   * service but S3: the signer encodes the already encoded path, so {@code %40} becomes {@code
   * %2540}). Empty is "/".
   */
  static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    List<String> segments = new ArrayList<>();
    for (String segment : rawPath.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
        continue;
      }
      segments.add(encode(segment.getBytes(StandardCharsets.UTF_8)));
    }
    String s = "/" + String.join("/", segments);
    return !segments.isEmpty() && rawPath.endsWith("/") ? s + "/" : s;
  }

  /**
   * Query parameters percent-decoded, then encoded the SigV4 way (unreserved characters kept, the
   * rest %XX, a space %20, a plus %2B), sorted by encoded name, then value; a name without '=' has
   * an empty value.
   */
  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new String[] {encode(percentDecode(name)), encode(percentDecode(value))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(p[0]).append('=').append(p[1]);
    }
    return sb.toString();
  }

  /**
   * Each value trimmed, runs of spaces made one, repeated headers joined with commas in the order
   * received.
   */
  static String canonicalHeaderValue(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      out.add(v.trim().replaceAll(" +", " "));
    }
    return String.join(",", out);
  }

  static byte[] signingKey(String secret, String date, String region, String service) {
    return SigV4Crypto.signingKey(secret, date, region, service);
  }

  private static String checkToken(String token, AwsCredentialsIdentity expected) {
    String want = expected instanceof AwsSessionCredentialsIdentity s ? s.sessionToken() : null;
    if (want == null) {
      return token == null
          ? null
          : "X-Amz-Security-Token sent, but the configured caller has no session token";
    }
    if (token == null) {
      return "missing X-Amz-Security-Token (the configured caller uses a session token)";
    }
    return constantTimeEquals(token.trim(), want)
        ? null
        : "X-Amz-Security-Token does not match the configured session token";
  }

  private static String encode(byte[] bytes) {
    return SigV4Crypto.uriEncode(bytes);
  }

  /** %XX escapes become bytes (a malformed escape stays as sent); '+' stays a plus. */
  private static byte[] percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%'
          && i + 2 < in.length
          && Character.digit(in[i + 1], 16) >= 0
          && Character.digit(in[i + 2], 16) >= 0) {
        out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toByteArray();
  }

  private static Instant parseDate(String date) {
    if (date == null) {
      return null;
    }
    try {
      return Instant.from(AMZ_DATE.parse(date));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach(
        (k, v) ->
            out.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    return out;
  }

  private static String first(Map<String, List<String>> lowerCaseHeaders, String name) {
    List<String> v = lowerCaseHeaders.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
