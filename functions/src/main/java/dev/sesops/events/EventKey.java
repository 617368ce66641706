package dev.sesops.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The identity of one SES event, the same on every delivery of it whatever SQS message carries it:
 * the EventBridge event {@code id} (EventBridge's own at-least-once redelivery keeps it), the SNS
 * {@code MessageId}, else a hash of the SES event itself (message id, event type, recipients,
 * timestamp). Kept as the first 8 bytes of its SHA-256: the dedupe pages hold these, never the
 * input, which may contain addresses. Two events collide only inside one slice (about 6,000 ids):
 * odds below 1e-12 per slice.
 */
final class EventKey {
  /** Dedupe slices are this many seconds of envelope time. */
  static final long SLICE_SECONDS = 5;

  private static final ThreadLocal<MessageDigest> SHA =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private EventKey() {}

  /** The identity of the SES event {@code payload} delivered in {@code e}. */
  static long of(Envelope e, JsonNode payload, String eventType, Instant eventTime) {
    String identity;
    if (e.id() != null && e.form() != Envelope.Form.BARE) {
      identity = e.form().name() + ":" + e.id();
    } else {
      JsonNode mail = payload.path("mail");
      List<String> recipients = new ArrayList<>();
      collect(payload, recipients);
      Collections.sort(recipients);
      identity =
          "SES:"
              + mail.path("messageId").asText("")
              + "|"
              + eventType
              + "|"
              + String.join(",", recipients)
              + "|"
              + eventTime;
    }
    return hash(identity);
  }

  /**
   * The dedupe slice: envelope time when there is one (equal on redelivery), else the event's own.
   */
  static long slice(Envelope e, Instant eventTime) {
    Instant t = e.time() != null ? e.time() : eventTime;
    return Math.floorDiv(t.getEpochSecond(), SLICE_SECONDS);
  }

  static long hash(String identity) {
    MessageDigest md = SHA.get();
    md.reset();
    return ByteBuffer.wrap(md.digest(identity.getBytes(StandardCharsets.UTF_8))).getLong();
  }

  private static void collect(JsonNode payload, List<String> out) {
    for (String[] path :
        new String[][] {
          {"bounce", "bouncedRecipients"},
          {"complaint", "complainedRecipients"},
          {"deliveryDelay", "delayedRecipients"}
        }) {
      for (JsonNode r : payload.path(path[0]).path(path[1])) {
        out.add(r.path("emailAddress").asText(""));
      }
    }
    for (JsonNode r : payload.path("delivery").path("recipients")) {
      out.add(r.asText(""));
    }
    if (out.isEmpty()) {
      for (JsonNode r : payload.path("mail").path("destination")) {
        out.add(r.asText(""));
      }
    }
  }
}
