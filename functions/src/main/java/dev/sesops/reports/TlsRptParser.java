package dev.sesops.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import java.io.CharArrayReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads SMTP TLS reports (RFC 8460 section 4.4) with Jackson; invalid UTF-8 and missing fields are
 * refused with the JSON path.
 */
final class TlsRptParser {

  TlsReport parse(byte[] bytes) {
    JsonNode root;
    try {
      // RFC 8460 section 4.4: UTF-8; refused byte-exactly here rather than half-read by the JSON
      // parser
      root =
          Json.MAPPER.readTree(
              new CharArrayReader(DmarcXmlParser.strict(bytes, 0, StandardCharsets.UTF_8)));
    } catch (JsonProcessingException e) {
      throw new RejectedReportException(
          "malformed JSON: " + DmarcXmlParser.clip(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new RejectedReportException("unreadable JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new RejectedReportException("(root): expected an object");
    }
    String org = text(root, "organization-name");
    String id = text(root, "report-id");
    Instant begin = time(root.path("date-range"), "date-range.start-datetime", "start-datetime");
    Instant end = time(root.path("date-range"), "date-range.end-datetime", "end-datetime");
    JsonNode policies = root.path("policies");
    if (!policies.isArray()) {
      throw new RejectedReportException("policies: expected a list");
    }
    List<TlsReport.Policy> out = new ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      JsonNode p = policies.get(i);
      String at = "policies[" + i + "]";
      JsonNode policy = p.path("policy");
      String type = policy.path("policy-type").asText("");
      String domain = policy.path("policy-domain").asText("").toLowerCase(Locale.ROOT);
      if (domain.isEmpty()) {
        throw new RejectedReportException(at + ".policy.policy-domain: missing");
      }
      long ok =
          count(
              p.path("summary"),
              at + ".summary.total-successful-session-count",
              "total-successful-session-count");
      long failed =
          count(
              p.path("summary"),
              at + ".summary.total-failure-session-count",
              "total-failure-session-count");
      Map<String, Long> failures = new LinkedHashMap<>();
      for (JsonNode d : p.path("failure-details")) {
        failures.merge(
            d.path("result-type").asText("unknown"),
            d.path("failed-session-count").asLong(0),
            Long::sum);
      }
      out.add(new TlsReport.Policy(type, domain, ok, failed, failures));
    }
    return new TlsReport(org, id, begin, end, List.copyOf(out));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new RejectedReportException(field + ": expected a string");
    }
    return v.asText();
  }

  private static Instant time(JsonNode n, String path, String field) {
    try {
      return Instant.parse(n.path(field).asText(""));
    } catch (DateTimeParseException e) {
      throw new RejectedReportException(path + ": expected an RFC 3339 date-time");
    }
  }

  private static long count(JsonNode n, String path, String field) {
    JsonNode v = n.path(field);
    if (v.isMissingNode()) {
      return 0;
    }
    if (!v.canConvertToLong() || v.asLong() < 0) {
      throw new RejectedReportException(path + ": expected a non-negative number");
    }
    return v.asLong();
  }
}
