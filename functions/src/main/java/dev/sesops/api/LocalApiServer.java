package dev.sesops.api;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.local.LocalContext;
import dev.sesops.wiring.ApiFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code serve --port N [--host H] [--verify-sigv4 | --insecure-no-auth]}: the API over plain HTTP
 * on a workstation. Each request becomes an API Gateway REST proxy event for the same {@link
 * ApiHandler}. Safe by default: a request must carry either a SigV4 signature for execute-api made
 * with the key pair in SES_OPS_API_ACCESS_KEY_ID / SES_OPS_API_SECRET_ACCESS_KEY (with {@code
 * --verify-sigv4}; {@link SigV4#verify} says why not) or the random bearer token printed at start;
 * {@link LocalGuard} also refuses browser requests (an Origin header), bodies that are not JSON and
 * a foreign Host header.
 */
public final class LocalApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(LocalApiServer.class);
  private static final int MAX_READ = SesOpsApi.MAX_BODY_BYTES + 1;

  private final HttpServer server;

  private LocalApiServer(HttpServer server) {
    this.server = server;
  }

  /** Entry point for {@code java -jar functions.jar serve}: runs until the process is stopped. */
  public static int run(String[] args) {
    int port = 3000;
    String host = "127.0.0.1";
    boolean verify = false;
    boolean insecure = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> {
          if (i + 1 >= args.length
              || !args[i + 1].matches("\\d{1,5}")
              || Integer.parseInt(args[i + 1]) > 65535) {
            System.err.println("--port needs a port number (0-65535)");
            return 2;
          }
          port = Integer.parseInt(args[++i]);
        }
        case "--host" -> {
          if (i + 1 >= args.length) {
            System.err.println("--host needs an address");
            return 2;
          }
          host = args[++i];
        }
        case "--verify-sigv4" -> verify = true;
        case "--insecure-no-auth" -> insecure = true;
        default -> {
          System.err.println(
              "unknown option "
                  + args[i]
                  + "; usage: serve [--port N] [--host ADDRESS] [--verify-sigv4 | --insecure-no-auth]");
          return 2;
        }
      }
    }
    if (verify && insecure) {
      System.err.println("--verify-sigv4 and --insecure-no-auth exclude each other");
      return 2;
    }
    LocalGuard.Auth auth = insecure ? LocalGuard.Auth.none() : LocalGuard.Auth.bearer(newToken());
    if (verify) {
      try {
        auth = LocalGuard.Auth.sigV4(caller(Settings.apiCaller(System.getenv())));
      } catch (Settings.MissingSettingException e) {
        System.err.println(
            "--verify-sigv4 needs SES_OPS_API_ACCESS_KEY_ID and SES_OPS_API_SECRET_ACCESS_KEY"
                + " (and SES_OPS_API_SESSION_TOKEN for temporary credentials): "
                + e.getMessage());
        return 2;
      }
    }
    if (!LocalGuard.isLoopback(host) && !auth.verifies()) {
      System.err.println(
          "--host " + host + " is not a loopback address: serving on it needs --verify-sigv4");
      return 2;
    }
    LocalApiServer s;
    try {
      s = start(host, port, new ApiFunction(), auth, Clock.systemUTC(), localCaller());
    } catch (IOException e) {
      System.err.println("cannot listen on " + host + ":" + port + ": " + e.getMessage());
      return 1;
    }
    System.err.println(
        "ses-ops API on http://" + host + ":" + s.port() + " (" + auth.describe() + ")");
    if (auth.token() != null) {
      // the user's own terminal: the one place the token is shown
      System.err.println(
          "send every request with the header: Authorization: Bearer " + auth.token());
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  s.stop();
                  stop.countDown();
                }));
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** The identity requests must be signed with: a session identity when the caller has a token. */
  static AwsCredentialsIdentity caller(Settings.ApiCaller c) {
    return c.sessionToken() == null
        ? AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey())
        : AwsSessionCredentialsIdentity.create(
            c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  /** The server's own STS identity (it makes the changes), or null when STS cannot say. */
  private static String localCaller() {
    try (StsClient sts = StsClient.create()) {
      return sts.getCallerIdentity().arn();
    } catch (SdkException e) {
      LOG.warn(
          "the caller's identity is unknown (STS GetCallerIdentity failed): changes are logged without it");
      return null;
    }
  }

  /** A random bearer token (256 bits, URL-safe Base64). */
  static String newToken() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Starts a server (port 0: any free port) whose requests pass {@link LocalGuard} first. A bind
   * address that is not loopback is refused (IllegalArgumentException) unless {@code auth} verifies
   * SigV4.
   */
  static LocalApiServer start(
      String host, int port, RequestStreamHandler handler, LocalGuard.Auth auth, Clock clock)
      throws IOException {
    return start(host, port, handler, auth, clock, null);
  }

  /**
   * {@code callerArn}: the server's own STS identity, which makes every change: the action log's
   * "who".
   */
  static LocalApiServer start(
      String host,
      int port,
      RequestStreamHandler handler,
      LocalGuard.Auth auth,
      Clock clock,
      String callerArn)
      throws IOException {
    if (!LocalGuard.isLoopback(host) && !auth.verifies()) {
      throw new IllegalArgumentException(
          "--host " + host + " is not a loopback address: serving on it needs --verify-sigv4");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    LocalGuard guard = LocalGuard.forBind(host, server.getAddress().getPort(), auth, clock);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            serve(exchange, handler, guard, callerArn);
          } catch (RuntimeException | IOException e) {
            LOG.warn("local API request failed: {}", e.getClass().getSimpleName());
          }
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return new LocalApiServer(server);
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
    if (server.getExecutor() instanceof java.util.concurrent.ExecutorService es) {
      es.shutdownNow();
    }
  }

  private static void serve(
      HttpExchange exchange, RequestStreamHandler handler, LocalGuard guard, String callerArn)
      throws IOException {
    String requestId = UUID.randomUUID().toString();
    byte[] body = readLimited(exchange.getRequestBody());
    URI uri = exchange.getRequestURI();
    LocalGuard.Refusal refused =
        guard.check(
            exchange.getRequestMethod(),
            uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
            exchange.getRequestHeaders(),
            body);
    if (refused != null) {
      LOG.warn("request {} refused: {} ({})", requestId, refused.code(), refused.message());
      JsonNode err =
          ApiErrors.error(
                  refused.status(), refused.code(), refused.message(), null, requestId, Map.of())
              .body();
      write(
          exchange,
          refused.status(),
          Map.of("Content-Type", "application/json; charset=utf-8"),
          Json.write(err).getBytes(StandardCharsets.UTF_8));
      return;
    }
    ObjectNode event = event(exchange, body, requestId);
    if (callerArn != null) {
      ((ObjectNode) event.path("requestContext").path("identity")).put("userArn", callerArn);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
        out,
        new LocalContext("api", Duration.ofSeconds(29)));
    JsonNode result = Json.read(out.toString(StandardCharsets.UTF_8));
    Map<String, String> headers = new LinkedHashMap<>();
    result
        .path("headers")
        .fields()
        .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    write(
        exchange,
        result.path("statusCode").asInt(500),
        headers,
        result.path("body").asText("").getBytes(StandardCharsets.UTF_8));
  }

  /** The event API Gateway would deliver for this request through a {proxy+} resource. */
  static ObjectNode event(HttpExchange exchange, byte[] body, String requestId) {
    URI uri = exchange.getRequestURI();
    String path = uri.getRawPath();
    ObjectNode e = Json.object();
    e.put("resource", "/{proxy+}");
    e.put("path", path);
    e.put("httpMethod", exchange.getRequestMethod());
    ObjectNode headers = e.putObject("headers");
    ObjectNode multiHeaders = e.putObject("multiValueHeaders");
    exchange
        .getRequestHeaders()
        .forEach(
            (k, v) -> {
              headers.put(k, v.isEmpty() ? "" : v.get(0));
              ArrayNode a = multiHeaders.putArray(k);
              v.forEach(a::add);
            });
    Map<String, List<String>> query = query(uri.getRawQuery());
    if (query.isEmpty()) {
      e.putNull("queryStringParameters");
      e.putNull("multiValueQueryStringParameters");
    } else {
      ObjectNode single = e.putObject("queryStringParameters");
      ObjectNode multi = e.putObject("multiValueQueryStringParameters");
      query.forEach(
          (k, v) -> {
            single.put(k, v.get(v.size() - 1));
            ArrayNode a = multi.putArray(k);
            v.forEach(a::add);
          });
    }
    e.putObject("pathParameters").put("proxy", path.length() > 1 ? path.substring(1) : "");
    e.putNull("stageVariables");
    ObjectNode ctx = e.putObject("requestContext");
    ctx.put("resourcePath", "/{proxy+}");
    ctx.put("httpMethod", exchange.getRequestMethod());
    ctx.put("path", "/local" + path);
    ctx.put("stage", "local");
    ctx.put("requestId", requestId);
    ctx.put("requestTimeEpoch", System.currentTimeMillis());
    ctx.putObject("identity")
        .put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
    if (body.length == 0) {
      e.putNull("body");
    } else {
      e.put("body", new String(body, StandardCharsets.UTF_8));
    }
    e.put("isBase64Encoded", false);
    return e;
  }

  /**
   * API Gateway decodes query values (a plus is a space there too); a malformed escape stays as
   * sent.
   */
  static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_READ);
    // drain the rest so the connection can answer; the handler rejects the body as too large
    in.transferTo(OutputStream.nullOutputStream());
    return b;
  }

  private static void write(
      HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }
}
