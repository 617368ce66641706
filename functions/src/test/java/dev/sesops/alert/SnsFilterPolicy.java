package dev.sesops.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * A small evaluator of SNS subscription filter policies on message attributes (filter policy scope
 * {@code MessageAttributes}), for the rules docs/alerts.md uses: keys are ANDed, the values of a
 * key ORed; a value is an exact string, {@code {"anything-but": "X" | ["X", ...]}}, {@code
 * {"prefix": "X"}} or {@code {"exists": true|false}}. As in SNS, a message without the attribute a
 * key names does not match (except {@code exists: false}), and {@code anything-but} needs the
 * attribute to be present. Anything else (numeric matching, nested keys) is refused rather than
 * guessed.
 */
final class SnsFilterPolicy {
  private final JsonNode policy;

  private SnsFilterPolicy(JsonNode policy) {
    this.policy = policy;
  }

  static SnsFilterPolicy parse(String json) {
    JsonNode p = Json.read(json);
    if (!p.isObject() || p.isEmpty()) {
      throw new IllegalArgumentException("a filter policy is a non-empty JSON object: " + json);
    }
    p.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw new IllegalArgumentException(
                    "filter policy key " + e.getKey() + ": expected a non-empty array");
              }
            });
    return new SnsFilterPolicy(p);
  }

  /** Whether a message with these String attributes is delivered to the subscription. */
  boolean matches(Map<String, String> attributes) {
    for (Iterator<Map.Entry<String, JsonNode>> it = policy.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> key = it.next();
      String value = attributes.get(key.getKey());
      boolean any = false;
      for (JsonNode rule : key.getValue()) {
        any |= matches(key.getKey(), rule, value);
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(String key, JsonNode rule, String value) {
    if (rule.isTextual()) {
      return rule.asText().equals(value);
    }
    if (!rule.isObject() || rule.size() != 1) {
      throw new IllegalArgumentException("filter policy key " + key + ": unsupported rule " + rule);
    }
    if (rule.has("exists")) {
      return rule.get("exists").asBoolean() == (value != null);
    }
    if (value == null) {
      return false;
    }
    if (rule.has("prefix")) {
      return value.startsWith(rule.get("prefix").asText());
    }
    if (rule.has("anything-but")) {
      JsonNode but = rule.get("anything-but");
      if (but.isTextual()) {
        return !but.asText().equals(value);
      }
      if (but.isArray()) {
        for (JsonNode b : but) {
          if (b.asText().equals(value)) {
            return false;
          }
        }
        return true;
      }
    }
    throw new IllegalArgumentException("filter policy key " + key + ": unsupported rule " + rule);
  }
}
