package dev.sesops.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQS record's body, unwrapped: an EventBridge event ({@code source}, {@code detail-type},
 * {@code account}, the payload in {@code detail}), an SNS notification (the payload is the JSON in
 * {@code Message}), or a bare SES event (SNS raw message delivery).
 *
 * @param form how it arrived
 * @param source the EventBridge source ({@code aws.ses}); {@code aws.ses} for SNS and bare events
 * @param detailType the EventBridge detail type; null for SNS and bare events
 * @param account the EventBridge {@code account}; null otherwise
 * @param payload the SES event JSON (or the detail of another detail type)
 * @param id the delivery's own id, the same on every redelivery of one event: EventBridge {@code
 *     id}, SNS {@code MessageId}; null for bare events
 * @param time when the envelope was made (EventBridge {@code time}, SNS {@code Timestamp}); null if
 *     absent
 * @param region the Region the event came from (EventBridge {@code region}, the SNS topic's); null
 *     if unknown
 * @param resources EventBridge {@code resources} (ARNs); empty otherwise
 */
public record Envelope(
    Form form,
    String source,
    String detailType,
    String account,
    JsonNode payload,
    String id,
    Instant time,
    String region,
    List<String> resources) {
  /** How an event reached the queue. */
  public enum Form {
    EVENTBRIDGE,
    SNS,
    BARE
  }

  static final String SES = "aws.ses";

  public Envelope {
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  /** An envelope without delivery metadata (tests, bare events). */
  public Envelope(Form form, String source, String detailType, String account, JsonNode payload) {
    this(form, source, detailType, account, payload, null, null, null, List.of());
  }

  /** Decodes one SQS message body. */
  static Envelope decode(String body) {
    if (body == null || body.isBlank()) {
      throw new RejectedInputException("empty body");
    }
    JsonNode root = tree(body, "body");
    if (!root.isObject()) {
      throw new RejectedInputException("body is not a JSON object");
    }
    JsonNode detailType = root.get("detail-type");
    if (detailType != null) {
      JsonNode detail = root.get("detail");
      if (!detailType.isTextual() || detail == null || !detail.isObject()) {
        throw new RejectedInputException("EventBridge event without detail-type or detail");
      }
      List<String> resources = new ArrayList<>();
      JsonNode res = root.get("resources");
      if (res != null && res.isArray()) {
        res.forEach(
            r -> {
              if (r.isTextual()) {
                resources.add(r.asText());
              }
            });
      }
      return new Envelope(
          Form.EVENTBRIDGE,
          text(root, "source"),
          detailType.asText(),
          text(root, "account"),
          detail,
          text(root, "id"),
          instant(text(root, "time")),
          text(root, "region"),
          resources);
    }
    JsonNode message = root.get("Message");
    if (message != null && "Notification".equals(text(root, "Type"))) {
      if (!message.isTextual()) {
        throw new RejectedInputException("SNS notification whose Message is not a string");
      }
      JsonNode payload = tree(message.asText(), "SNS Message");
      if (!payload.isObject()) {
        throw new RejectedInputException("SNS Message is not a JSON object");
      }
      return new Envelope(
          Form.SNS,
          SES,
          null,
          null,
          payload,
          text(root, "MessageId"),
          instant(text(root, "Timestamp")),
          arnRegion(text(root, "TopicArn")),
          List.of());
    }
    if (root.has("eventType") || root.has("notificationType")) {
      return new Envelope(Form.BARE, SES, null, null, root);
    }
    throw new RejectedInputException(
        "neither an EventBridge event, an SNS notification nor an SES event");
  }

  private static JsonNode tree(String text, String what) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // never the parser's message: it quotes the input, which holds addresses
      throw new RejectedInputException(
          what
              + " is not valid JSON"
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    }
  }

  static Instant instant(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The Region of an ARN ({@code arn:aws:sns:us-east-1:...}); null when it names none. */
  static String arnRegion(String arn) {
    if (arn == null) {
      return null;
    }
    String[] p = arn.split(":", 6);
    return p.length >= 5 && p[0].equals("arn") && !p[3].isBlank() ? p[3] : null;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
