package dev.sesops.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;

/**
 * One SQS record's body, unwrapped: an EventBridge event ({@code source}, {@code detail-type},
 * {@code account}, the payload in {@code detail}), an SNS notification (the payload is the JSON in
 * {@code Message}), or a bare SES event (SNS raw message delivery).
 *
 * @param form       how it arrived
 * @param source     the EventBridge source ({@code aws.ses}); {@code aws.ses} for SNS and bare events
 * @param detailType the EventBridge detail type; null for SNS and bare events
 * @param account    the EventBridge {@code account}; null otherwise
 * @param payload    the SES event JSON (or the detail of another detail type)
 */
public record Envelope(Form form, String source, String detailType, String account, JsonNode payload) {
  /** How an event reached the queue. */
  public enum Form { EVENTBRIDGE, SNS, BARE }

  static final String SES = "aws.ses";

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
      return new Envelope(Form.EVENTBRIDGE, text(root, "source"), detailType.asText(), text(root, "account"), detail);
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
      return new Envelope(Form.SNS, SES, null, null, payload);
    }
    if (root.has("eventType") || root.has("notificationType")) {
      return new Envelope(Form.BARE, SES, null, null, root);
    }
    throw new RejectedInputException("neither an EventBridge event, an SNS notification nor an SES event");
  }

  private static JsonNode tree(String text, String what) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // never the parser's message: it quotes the input, which holds addresses
      throw new RejectedInputException(what + " is not valid JSON"
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
