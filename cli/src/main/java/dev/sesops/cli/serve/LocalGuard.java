package dev.sesops.cli.serve;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * What the local server checks before a request reaches the API: no browser origin, a JSON body, a
 * Host naming this server, and the caller's proof (a SigV4 signature or the bearer token printed at
 * start). A web page the user visits can send simple cross-origin requests to 127.0.0.1 (a {@code
 * text/plain} POST, a form) and can rebind a DNS name to it; each check closes one of those.
 */
final class LocalGuard {
  /** A refused request: status, error code, message (never the token or a signature). */
  record Refusal(int status, String code, String message) {}

  /**
   * How callers prove themselves: exactly one of the SigV4 key or the token, or neither when {@code
   * insecure}.
   */
  record Auth(AwsCredentialsIdentity sigV4Key, String token) {
    static Auth sigV4(AwsCredentialsIdentity key) {
      return new Auth(key, null);
    }

    static Auth bearer(String token) {
      return new Auth(null, token);
    }

    static Auth none() {
      return new Auth(null, null);
    }

    boolean verifies() {
      return sigV4Key != null;
    }

    String describe() {
      return sigV4Key != null
          ? "SigV4 required"
          : token != null ? "bearer token required" : "NO AUTHENTICATION (--insecure-no-auth)";
    }
  }

  private static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "[::1]");

  private final Auth auth;
  private final Set<String> hosts;
  private final Clock clock;

  private LocalGuard(Auth auth, Set<String> hosts, Clock clock) {
    this.auth = auth;
    this.hosts = hosts;
    this.clock = clock;
  }

  /**
   * A guard for a server bound to {@code bindHost}:{@code port}. A bind address that is not
   * loopback is refused unless requests are SigV4-verified (a bearer token would cross the network
   * in clear).
   */
  static LocalGuard forBind(String bindHost, int port, Auth auth, Clock clock) {
    if (!isLoopback(bindHost) && !auth.verifies()) {
      throw new IllegalArgumentException(
          "--host " + bindHost + " is not a loopback address: serving on it needs --verify-sigv4");
    }
    LinkedHashSet<String> hosts = new LinkedHashSet<>();
    for (String name : LOOPBACK_NAMES) {
      hosts.add(name + ":" + port);
    }
    String bind =
        bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
    hosts.add(bind.toLowerCase(Locale.ROOT) + ":" + port);
    return new LocalGuard(auth, Set.copyOf(hosts), clock);
  }

  /** Whether {@code host} (a name or literal) resolves to a loopback address only. */
  static boolean isLoopback(String host) {
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The refusal for this request, or null when it may reach the API. Header names are matched
   * case-insensitively.
   */
  Refusal check(
      String method, String rawPathAndQuery, Map<String, List<String>> rawHeaders, byte[] body) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(rawHeaders);
    if (headers.containsKey("Origin")) {
      return new Refusal(
          403,
          "cross_origin_refused",
          "requests from a web page (with an Origin header) are refused by the local server");
    }
    String host = first(headers, "Host");
    if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return new Refusal(
          403,
          "host_refused",
          "the Host header must name this server ("
              + String.join(", ", hosts.stream().sorted().toList())
              + ")");
    }
    String type = first(headers, "Content-Type");
    if ((body.length > 0 || type != null) && !isJson(type)) {
      return new Refusal(
          415,
          "unsupported_media_type",
          "a request body must be sent as Content-Type: application/json");
    }
    if (auth.sigV4Key() != null) {
      String why =
          SigV4.verify(
              method,
              URI.create("http://local" + rawPathAndQuery),
              rawHeaders,
              body,
              auth.sigV4Key(),
              clock);
      return why == null
          ? null
          : new Refusal(403, "invalid_signature", "the request is not signed correctly: " + why);
    }
    if (auth.token() != null) {
      String given = first(headers, "Authorization");
      String want = "Bearer " + auth.token();
      if (given == null
          || !MessageDigest.isEqual(
              given.getBytes(StandardCharsets.UTF_8), want.getBytes(StandardCharsets.UTF_8))) {
        return new Refusal(
            401,
            "unauthorized",
            "the request needs the header Authorization: Bearer TOKEN with the token serve printed at start");
      }
    }
    return null;
  }

  private static boolean isJson(String type) {
    if (type == null) {
      return false;
    }
    int semi = type.indexOf(';');
    return (semi < 0 ? type : type.substring(0, semi)).trim().equalsIgnoreCase("application/json");
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
