package dev.sesops.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates API Gateway REST proxy events (payload v1) to {@link ApiRequest} and {@link
 * ApiResponse} back.
 */
final class ApiEvents {
  private ApiEvents() {}

  static ApiRequest request(JsonNode event, String fallbackRequestId) {
    if (event == null || !event.isObject()) {
      throw new BadInputException("event", "expected an API Gateway proxy event (a JSON object)");
    }
    String method = text(event, "httpMethod");
    if (method == null) {
      throw new BadInputException("event.httpMethod", "missing");
    }
    String path = text(event, "path");
    if (path == null) {
      throw new BadInputException("event.path", "missing");
    }
    String requestId = text(event.path("requestContext"), "requestId");
    Map<String, List<String>> query = new LinkedHashMap<>();
    JsonNode multi = event.path("multiValueQueryStringParameters");
    JsonNode single = event.path("queryStringParameters");
    if (multi.isObject()) {
      multi
          .fields()
          .forEachRemaining(
              e -> {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                  e.getValue().forEach(v -> values.add(v.asText()));
                } else {
                  values.add(e.getValue().asText());
                }
                query.put(e.getKey(), values);
              });
    } else if (single.isObject()) {
      single.fields().forEachRemaining(e -> query.put(e.getKey(), List.of(e.getValue().asText())));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    JsonNode h = event.path("headers");
    if (h.isObject()) {
      h.fields()
          .forEachRemaining(
              e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
    }
    String body = text(event, "body");
    if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
      if (body.length() > SesOpsApi.MAX_BODY_BYTES * 4 / 3 + 8) {
        throw new ApiException(413, "payload_too_large", "the body is larger than 64 KB");
      }
      try {
        body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("body", "isBase64Encoded is true but the body is not base64");
      }
    }
    // IAM auth: API Gateway puts the signer's principal here; nobody else can set it
    String caller = text(event.path("requestContext").path("identity"), "userArn");
    return new ApiRequest(
        method.toUpperCase(Locale.ROOT),
        path,
        query,
        headers,
        body,
        requestId == null ? fallbackRequestId : requestId,
        caller);
  }

  static ObjectNode response(ApiResponse r) {
    ObjectNode out = Json.object();
    out.put("statusCode", r.status());
    ObjectNode headers = out.putObject("headers");
    r.allHeaders().forEach(headers::put);
    out.put("body", Json.write(r.body()));
    out.put("isBase64Encoded", false);
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() ? v.asText() : null;
  }
}
