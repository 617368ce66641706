package dev.sesops.suppression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.config.ConfigParser;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The two line formats: the trail (one JSON object per line, snake_case, see {@link TrailEntry})
 * and the import-job source SES documents for suppression-list imports (JSON lines with {@code
 * emailAddress} and {@code reason}).
 */
final class TrailFormat {
  static final Set<String> REASONS = Set.of("BOUNCE", "COMPLAINT");
  static final String IMPORT_DATA_FORMAT = "JSON";

  private TrailFormat() {}

  static String line(TrailEntry e) {
    return Json.write(e);
  }

  /** One record of an import-job source. */
  static String importLine(String emailAddress, String reason) {
    ObjectNode n = Json.object();
    n.put("emailAddress", emailAddress);
    n.put("reason", reason);
    return Json.write(n);
  }

  /**
   * Parses one trail line; every problem names the line number and never echoes the address.
   *
   * @throws BadInputException "trail line N: ..."
   */
  static TrailEntry parse(String text, long lineNumber) {
    String where = "trail line " + lineNumber;
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadInputException(where, "not valid JSON");
    }
    if (n == null || !n.isObject()) {
      throw new BadInputException(where, "expected a JSON object");
    }
    String address = text(n, "email_address", where);
    if (ConfigParser.normalizeAddress(address) == null) {
      throw new BadInputException(where, "email_address is not an email address");
    }
    String reason = text(n, "reason", where);
    if (!REASONS.contains(reason)) {
      throw new BadInputException(where, "reason must be BOUNCE or COMPLAINT");
    }
    String account = text(n, "account", where);
    Instant updated = null;
    JsonNode t = n.path("last_update_time");
    if (t.isTextual()) {
      try {
        updated = Instant.parse(t.asText());
      } catch (DateTimeParseException e) {
        throw new BadInputException(where, "last_update_time is not an ISO-8601 instant");
      }
    }
    return new TrailEntry(
        optional(n, "run_id"),
        account,
        address,
        reason,
        updated,
        optional(n, "message_id"),
        optional(n, "feedback_id"));
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new BadInputException(where, field + " missing or not a string");
    }
    return v.asText();
  }

  private static String optional(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isTextual() ? v.asText() : null;
  }
}
