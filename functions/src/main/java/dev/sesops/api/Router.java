package dev.sesops.api;

import dev.sesops.common.BadInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Matches a method and a raw path against route templates ({@code /accounts/{account}/quota}). Each
 * path segment is percent-decoded exactly once ({@code +} stays a plus); an unknown path is 404, a
 * known path with another method 405 with {@code Allow}.
 */
final class Router {
  /** What a route does with a matched call. */
  @FunctionalInterface
  interface Action {
    ApiResponse apply(Call call);
  }

  /** One route: method, template and action. */
  record Route(String method, String template, Action action) {
    List<String> segments() {
      return split(template);
    }
  }

  /** A matched request with its decoded path parameters. */
  record Call(ApiRequest request, Map<String, String> params) {
    String param(String name) {
      return params.get(name);
    }
  }

  private final List<Route> routes;

  Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  List<Route> routes() {
    return routes;
  }

  ApiResponse dispatch(ApiRequest request) {
    String path = request.path();
    if (path == null || !path.startsWith("/")) {
      throw new ApiException(404, "route_not_found", "no route for this path");
    }
    if (path.length() > 2048) {
      throw new ApiException(414, "uri_too_long", "the path is longer than 2048 characters");
    }
    List<String> raw = split(path);
    List<String> decoded = new ArrayList<>(raw.size());
    for (String s : raw) {
      decoded.add(decodeSegment(s));
    }
    TreeSet<String> allowed = new TreeSet<>();
    for (Route r : routes) {
      Map<String, String> params = match(r.segments(), decoded);
      if (params == null) {
        continue;
      }
      if (r.method().equals(request.method())) {
        return r.action().apply(new Call(request, params));
      }
      allowed.add(r.method());
    }
    if (!allowed.isEmpty()) {
      throw new ApiException(
          405,
          "method_not_allowed",
          "method "
              + safeMethod(request.method())
              + " is not allowed here (allowed: "
              + String.join(", ", allowed)
              + ")",
          Map.of("Allow", String.join(", ", allowed)));
    }
    throw new ApiException(404, "route_not_found", "no route for this path");
  }

  private static Map<String, String> match(List<String> template, List<String> path) {
    if (template.size() != path.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String t = template.get(i);
      if (t.startsWith("{") && t.endsWith("}")) {
        params.put(t.substring(1, t.length() - 1), path.get(i));
      } else if (!t.equals(path.get(i))) {
        return null;
      }
    }
    return params;
  }

  /** Splits on '/', dropping the leading empty segment and one trailing slash. */
  static List<String> split(String path) {
    String p = path.substring(1);
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return List.of();
    }
    return List.of(p.split("/", -1));
  }

  /**
   * Percent-decodes once, as UTF-8; a plus is a plus. Malformed escapes and control characters are
   * a 400.
   */
  static String decodeSegment(String s) {
    if (s.isEmpty()) {
      throw new BadInputException("path", "empty path segment");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()
            || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          throw new BadInputException("path", "malformed percent-encoding");
        }
        bytes.write(
            Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(b, 0, b.length);
      }
    }
    String out;
    try {
      out =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
    } catch (CharacterCodingException e) {
      throw new BadInputException("path", "percent-encoding is not valid UTF-8");
    }
    if (out.equals(".") || out.equals("..")) {
      throw new BadInputException("path", "'.' and '..' segments are not allowed");
    }
    if (out.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)
        || out.contains("/")
        || out.contains("\\")) {
      throw new BadInputException("path", "a path segment holds a control character or a slash");
    }
    return out;
  }

  private static String safeMethod(String m) {
    return m != null && m.matches("[A-Z]{1,10}") ? m : "(invalid)";
  }
}
