package dev.sesops.cli;

import dev.sesops.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Calls a deployed API (SES_OPS_API_URL), signing each request with SigV4 for execute-api. */
final class HttpTransport implements Transport {
  private static final Pattern EXECUTE_API_HOST =
      Pattern.compile("[a-z0-9]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com");

  private final URI base;
  private final AwsCredentialsProvider credentials;
  private final String profile;
  private final String region;
  private final HttpClient http;
  private final Clock clock;

  HttpTransport(
      URI base, AwsCredentialsProvider credentials, String profile, String region, Clock clock) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.credentials = credentials;
    this.profile = profile;
    this.region = region;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * The Region to sign for: the one in an execute-api host name, else AWS_REGION, else us-east-1.
   */
  static String region(URI base, Map<String, String> env) {
    Matcher m = EXECUTE_API_HOST.matcher(base.getHost() == null ? "" : base.getHost());
    if (m.matches()) {
      return m.group(1);
    }
    String r = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
    return r == null || r.isBlank() ? "us-east-1" : r;
  }

  @Override
  public Response send(
      String method, String encodedPath, Map<String, List<String>> query, String body) {
    URI uri = URI.create(base + encodedPath + Cli.queryString(query));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> signed =
        RequestSigner.sign(method, uri, headers, payload, identity(), region, clock);
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(910))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(payload));
    signed.forEach(
        (k, v) -> {
          // the HTTP client sets Host itself (to the same value the signer used)
          if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
            v.forEach(x -> rb.header(k, x));
          }
        });
    try {
      HttpResponse<String> r =
          http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String text = r.body();
      return new Response(
          r.statusCode(),
          text == null || text.isBlank() ? Json.object() : parse(text, r.statusCode()));
    } catch (IOException e) {
      throw new CliException(
          "cannot reach the API at " + base + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String text, int status) {
    try {
      return Json.read(text);
    } catch (RuntimeException e) {
      // a gateway's own error page: keep the status, do not print the page
      return Json.object()
          .set(
              "error",
              Json.object()
                  .put("code", "http_" + status)
                  .put("message", "the API answered HTTP " + status + " without JSON"));
    }
  }

  private AwsCredentialsIdentity identity() {
    AwsCredentials c;
    try {
      c = credentials.resolveCredentials();
    } catch (RuntimeException e) {
      throw new CliException(Credentials.explain(e, profile));
    }
    if (c instanceof AwsSessionCredentials s) {
      return AwsSessionCredentialsIdentity.create(
          s.accessKeyId(), s.secretAccessKey(), s.sessionToken());
    }
    return AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey());
  }
}
