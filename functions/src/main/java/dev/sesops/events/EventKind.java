package dev.sesops.events;

import java.util.Map;

/**
 * The SES sending events ses-ops counts, by EventBridge detail type and by SES {@code eventType}.
 */
enum EventKind {
  SEND,
  DELIVERY,
  BOUNCE,
  COMPLAINT,
  REJECT,
  DELIVERY_DELAY,
  /** A known SES event that is not counted (open, click, rendering failure, subscription). */
  IGNORED;

  static final Map<String, EventKind> BY_DETAIL_TYPE =
      Map.of(
          "Email Sent", SEND,
          "Email Delivered", DELIVERY,
          "Email Bounced", BOUNCE,
          "Email Complaint Received", COMPLAINT,
          "Email Rejected", REJECT,
          "Email Delivery Delayed", DELIVERY_DELAY,
          "Email Opened", IGNORED,
          "Email Clicked", IGNORED,
          "Email Rendering Failed", IGNORED,
          "Email Subscribed", IGNORED);

  /**
   * SES {@code eventType} (event publishing) and {@code notificationType} (identity notifications).
   */
  static final Map<String, EventKind> BY_EVENT_TYPE =
      Map.of(
          "Send", SEND,
          "Delivery", DELIVERY,
          "Bounce", BOUNCE,
          "Complaint", COMPLAINT,
          "Reject", REJECT,
          "DeliveryDelay", DELIVERY_DELAY,
          "Open", IGNORED,
          "Click", IGNORED,
          "Rendering Failure", IGNORED,
          "Subscription", IGNORED);
}
