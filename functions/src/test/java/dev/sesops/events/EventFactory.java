package dev.sesops.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds SES events in the developer guide's shape (EventBridge envelope) and SQS batches of them.
 */
public final class EventFactory {
  public static final String ACCOUNT_ID = "111122223333";

  /**
   * Every event built is a new SES event: its ids never repeat (a redelivery re-sends the same
   * body).
   */
  private static final java.util.concurrent.atomic.AtomicLong SEQ =
      new java.util.concurrent.atomic.AtomicLong();

  private EventFactory() {}

  /** One SES event: kind SEND, DELIVERY, BOUNCE (hard), SOFT_BOUNCE, COMPLAINT, REJECT, DELAY. */
  static ObjectNode detail(
      String kind, String configSet, String fromDomain, String recipient, Instant time, int n) {
    ObjectNode d = Json.object();
    ObjectNode mail = Json.object();
    mail.put("timestamp", time.toString());
    mail.put("source", "Sender <noreply@" + fromDomain + ">");
    mail.put("sourceArn", "arn:aws:ses:us-east-1:" + ACCOUNT_ID + ":identity/" + fromDomain);
    mail.put("sendingAccountId", ACCOUNT_ID);
    mail.put(
        "messageId",
        "0100018c-"
            + Long.toHexString(SEQ.incrementAndGet())
            + "-"
            + Integer.toHexString(n)
            + "-example-000000");
    mail.putArray("destination").add(recipient);
    mail.put("headersTruncated", false);
    ArrayNode headers = mail.putArray("headers");
    headers.addObject().put("name", "From").put("value", "Sender <noreply@" + fromDomain + ">");
    headers.addObject().put("name", "To").put("value", recipient);
    headers.addObject().put("name", "Subject").put("value", "Your weekly digest");
    headers.addObject().put("name", "MIME-Version").put("value", "1.0");
    headers
        .addObject()
        .put("name", "Content-Type")
        .put(
            "value",
            "multipart/alternative; boundary=\"----=_Part_7307378_1629847660.1516840721503\"");
    ObjectNode common = mail.putObject("commonHeaders");
    common.putArray("from").add("Sender <noreply@" + fromDomain + ">");
    common.putArray("to").add(recipient);
    common.put("subject", "Your weekly digest");
    ObjectNode tags = mail.putObject("tags");
    tags.putArray("ses:operation").add("SendEmail");
    if (configSet != null) {
      tags.putArray("ses:configuration-set").add(configSet);
    }
    tags.putArray("ses:from-domain").add(fromDomain);
    tags.putArray("ses:source-ip").add("192.0.2.0");
    d.set("mail", mail);
    String later = time.plusSeconds(1).toString();
    switch (kind) {
      case "SEND" -> {
        d.put("eventType", "Send");
        d.putObject("send");
      }
      case "DELIVERY" -> {
        d.put("eventType", "Delivery");
        ObjectNode x = d.putObject("delivery");
        x.put("timestamp", later);
        x.putArray("recipients").add(recipient);
        x.put("smtpResponse", "250 2.6.0 Message received");
      }
      case "BOUNCE", "SOFT_BOUNCE" -> {
        d.put("eventType", "Bounce");
        ObjectNode x = d.putObject("bounce");
        x.put("bounceType", kind.equals("BOUNCE") ? "Permanent" : "Transient");
        x.put("bounceSubType", "General");
        x.putArray("bouncedRecipients")
            .addObject()
            .put("emailAddress", recipient)
            .put("action", "failed")
            .put("status", "5.1.1")
            .put("diagnosticCode", "smtp; 550 5.1.1 user unknown");
        x.put("timestamp", later);
      }
      case "COMPLAINT" -> {
        d.put("eventType", "Complaint");
        ObjectNode x = d.putObject("complaint");
        x.putArray("complainedRecipients").addObject().put("emailAddress", recipient);
        x.put("timestamp", later);
        x.put("complaintFeedbackType", "abuse");
      }
      case "REJECT" -> {
        d.put("eventType", "Reject");
        d.putObject("reject").put("reason", "Bad content");
      }
      case "DELAY" -> {
        d.put("eventType", "DeliveryDelay");
        ObjectNode x = d.putObject("deliveryDelay");
        x.put("timestamp", later);
        x.putArray("delayedRecipients").addObject().put("emailAddress", recipient);
      }
      default -> throw new IllegalArgumentException(kind);
    }
    return d;
  }

  static String detailType(String kind) {
    return switch (kind) {
      case "SEND" -> "Email Sent";
      case "DELIVERY" -> "Email Delivered";
      case "BOUNCE", "SOFT_BOUNCE" -> "Email Bounced";
      case "COMPLAINT" -> "Email Complaint Received";
      case "REJECT" -> "Email Rejected";
      case "DELAY" -> "Email Delivery Delayed";
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** The EventBridge event as a member account's rule forwards it. */
  static String eventBridge(
      String kind, String configSet, String fromDomain, String recipient, Instant time, int n) {
    ObjectNode e = Json.object();
    e.put("version", "0");
    e.put("id", "0d0c1f4e-" + Long.toHexString(SEQ.incrementAndGet()) + "-" + n);
    e.put("detail-type", detailType(kind));
    e.put("source", "aws.ses");
    e.put("account", ACCOUNT_ID);
    e.put("time", time.toString());
    e.put("region", "us-east-1");
    e.putArray("resources");
    e.set("detail", detail(kind, configSet, fromDomain, recipient, time, n));
    return Json.write(e);
  }

  /**
   * An SQS event (what Lambda hands the function) of {@code bodies}, message ids {@code prefix-N}.
   */
  public static JsonNode sqsEvent(String prefix, List<String> bodies) {
    ObjectNode root = Json.object();
    ArrayNode records = root.putArray("Records");
    int i = 0;
    for (String b : bodies) {
      records
          .addObject()
          .put("messageId", prefix + "-" + (i++))
          .put("receiptHandle", "rh")
          .put("body", b)
          .put("eventSource", "aws:sqs");
    }
    return root;
  }

  /**
   * {@code sends} sends of one configuration set and {@code bounces} hard bounces, at {@code time}.
   */
  public static List<String> burst(
      String configSet, String fromDomain, int sends, int bounces, int complaints, Instant time) {
    List<String> out = new ArrayList<>(sends + bounces + complaints);
    for (int i = 0; i < sends; i++) {
      out.add(eventBridge("SEND", configSet, fromDomain, "user" + i + "@example.net", time, i));
    }
    for (int i = 0; i < bounces; i++) {
      out.add(
          eventBridge(
              "BOUNCE", configSet, fromDomain, "user" + i + "@example.net", time, sends + i));
    }
    for (int i = 0; i < complaints; i++) {
      out.add(
          eventBridge(
              "COMPLAINT",
              configSet,
              fromDomain,
              "user" + i + "@example.org",
              time,
              sends + bounces + i));
    }
    return out;
  }
}
