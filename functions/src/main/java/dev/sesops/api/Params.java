package dev.sesops.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.config.ConfigParser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validation of path, query and body values: every failure names the parameter at fault and never
 * echoes an address.
 */
final class Params {
  private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final int MAX_ADDRESS = 254;

  private Params() {}

  static String account(String value) {
    if (value == null || !ACCOUNT.matcher(value).matches()) {
      throw new BadInputException("account", "must be 1-64 letters, digits, '-' or '_'");
    }
    return value;
  }

  /** An address with its domain in ASCII (IDN domains converted), at most 254 characters. */
  static String address(String parameter, String value) {
    if (value == null || value.isBlank()) {
      throw new BadInputException(parameter, "missing");
    }
    if (value.length() > MAX_ADDRESS) {
      throw new BadInputException(parameter, "longer than " + MAX_ADDRESS + " characters");
    }
    if (!value.equals(value.strip())) {
      throw new BadInputException(parameter, "has leading or trailing spaces");
    }
    String a = ConfigParser.normalizeAddress(value);
    if (a == null || a.length() > MAX_ADDRESS) {
      throw new BadInputException(parameter, "not a valid email address");
    }
    return a;
  }

  static String domain(String parameter, String value) {
    if (value == null || value.isBlank()) {
      throw new BadInputException(parameter, "missing");
    }
    if (value.length() > 253 || !value.equals(value.strip())) {
      throw new BadInputException(parameter, "not a valid domain name");
    }
    String d = ConfigParser.asciiDomain(value);
    if (d == null) {
      throw new BadInputException(parameter, "not a valid domain name");
    }
    return d;
  }

  /** An identity: an address when it holds an @, else a domain. */
  static String identity(String parameter, String value) {
    return value != null && value.contains("@")
        ? address(parameter, value)
        : domain(parameter, value);
  }

  static String enumValue(String parameter, String value, Set<String> allowed) {
    String v = value.trim().toUpperCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw new BadInputException(
          parameter,
          "must be one of " + String.join(", ", new TreeSet<>(allowed)).toLowerCase(Locale.ROOT));
    }
    return v;
  }

  static int intValue(String parameter, String value, int min, int max, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (!value.matches("-?\\d{1,10}")) {
      throw new BadInputException(
          parameter, "expected a whole number between " + min + " and " + max);
    }
    long v = Long.parseLong(value);
    if (v < min || v > max) {
      throw new BadInputException(parameter, "must be between " + min + " and " + max);
    }
    return (int) v;
  }

  static boolean boolValue(String parameter, String value, boolean fallback) {
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new BadInputException(parameter, "expected true or false");
    };
  }

  /**
   * An ISO-8601 instant ({@code 2024-05-01T00:00:00Z}) or date ({@code 2024-05-01}, midnight UTC).
   */
  static Instant instant(String parameter, String value) {
    if (value == null) {
      return null;
    }
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadInputException(
          parameter, "expected an ISO-8601 date or time, e.g. 2024-05-01 or 2024-05-01T00:00:00Z");
    }
  }

  /**
   * Only the named query parameters are accepted, so a typo is a 400 rather than silently ignored.
   */
  static void allowQuery(ApiRequest request, String... names) {
    Set<String> allowed = Set.of(names);
    for (String k : request.query().keySet()) {
      if (!allowed.contains(k)) {
        throw new BadInputException(
            safeName(k),
            "unknown query parameter"
                + (names.length == 0
                    ? ""
                    : " (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")"));
      }
    }
  }

  /** The body as a JSON object. */
  static JsonNode body(ApiRequest request) {
    String b = request.body();
    if (b == null || b.isBlank()) {
      throw new BadInputException("body", "a JSON object is required");
    }
    JsonNode node;
    try {
      node = Json.read(b);
    } catch (BadInputException e) {
      throw new BadInputException("body", e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new BadInputException("body", "expected a JSON object");
    }
    return node;
  }

  /** A string field of the body (null when absent and optional). */
  static String text(JsonNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new BadInputException("body." + field, "missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new BadInputException("body." + field, "expected a string");
    }
    return v.asText();
  }

  static boolean bool(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw new BadInputException("body." + field, "missing");
    }
    if (!v.isBoolean()) {
      throw new BadInputException("body." + field, "expected true or false");
    }
    return v.asBoolean();
  }

  /** A parameter name fit for an error message: short and printable. */
  static String safeName(String name) {
    return name != null && name.matches("[A-Za-z0-9_.\\-\\[\\]]{1,40}") ? name : "(parameter)";
  }
}
