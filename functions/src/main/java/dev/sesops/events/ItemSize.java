package dev.sesops.events;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it (attribute names plus values; numbers about one byte per two
 * digits).
 */
final class ItemSize {
  private ItemSize() {}

  static int of(Map<String, AttributeValue> item) {
    int size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += utf8(e.getKey()) + value(e.getValue());
    }
    return size;
  }

  private static int value(AttributeValue v) {
    if (v.s() != null) {
      return utf8(v.s());
    }
    if (v.n() != null) {
      return (v.n().replace("-", "").replace(".", "").length() + 1) / 2 + 1;
    }
    if (v.b() != null) {
      return v.b().asByteArray().length;
    }
    if (v.hasM()) {
      int s = 3;
      for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
        s += utf8(e.getKey()) + value(e.getValue()) + 1;
      }
      return s;
    }
    if (v.hasL()) {
      int s = 3;
      for (AttributeValue x : v.l()) {
        s += value(x) + 1;
      }
      return s;
    }
    return 1;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
