package dev.sesops.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** A status, extra headers and a JSON body. */
public record ApiResponse(int status, Map<String, String> headers, JsonNode body) {

  static ApiResponse ok(Object body) {
    return of(200, body);
  }

  static ApiResponse of(int status, Object body) {
    return new ApiResponse(status, Map.of(), body instanceof JsonNode n ? n : Json.tree(body));
  }

  /** The headers every response carries, plus this one's own. */
  Map<String, String> allHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json; charset=utf-8");
    h.put("Cache-Control", "no-store");
    h.put("X-Content-Type-Options", "nosniff");
    h.putAll(headers);
    return h;
  }
}
