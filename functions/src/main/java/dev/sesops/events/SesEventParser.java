package dev.sesops.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the counted fields of an SES sending event (the developer guide's event publishing format).
 */
final class SesEventParser {
  private static final int MAX_DOMAIN = 253;

  /**
   * The message tag a sender adds to every message of a tenant, so its sends and deliveries count
   * for it.
   */
  static final String SENDER_TENANT_TAG = "ses-ops-tenant";

  private SesEventParser() {}

  /**
   * The event in {@code e}; {@code null} for a known SES event that is not counted (opens,
   * clicks...).
   */
  static SesEvent parse(Envelope e) {
    JsonNode p = e.payload();
    EventKind kind;
    if (e.form() == Envelope.Form.EVENTBRIDGE) {
      kind = EventKind.BY_DETAIL_TYPE.get(e.detailType());
      if (kind == null) {
        throw new RejectedInputException("unknown SES detail type");
      }
    } else {
      String type = Envelope.text(p, "eventType");
      if (type == null) {
        type = Envelope.text(p, "notificationType");
      }
      kind = type == null ? null : EventKind.BY_EVENT_TYPE.get(type);
      if (kind == null) {
        throw new RejectedInputException(
            type == null ? "SES event without eventType" : "unknown SES event type");
      }
    }
    if (kind == EventKind.IGNORED) {
      return null;
    }
    JsonNode mail = p.get("mail");
    if (mail == null || !mail.isObject()) {
      throw new RejectedInputException("SES event without mail");
    }
    String account = e.account() != null ? e.account() : Envelope.text(mail, "sendingAccountId");
    if (account == null || !isAccountId(account)) {
      throw new RejectedInputException("SES event without a 12-digit sending account id");
    }
    JsonNode tags = mail.get("tags");
    String configurationSet = tag(tags, "ses:configuration-set");
    String tenant = tag(tags, "ses:tenant-name");
    if (tenant == null) {
      // SES tags bounces and complaints only; senders tag every message of a tenant themselves
      // (docs/events.md)
      tenant = tag(tags, SENDER_TENANT_TAG);
    }
    String fromDomain = tag(tags, "ses:from-domain");
    if (fromDomain == null) {
      fromDomain = domainOf(Envelope.text(mail, "source"));
    } else {
      fromDomain = cleanDomain(fromDomain);
    }
    JsonNode detail;
    List<String> domains = new ArrayList<>(2);
    boolean hard = false;
    String feedback = null;
    switch (kind) {
      case BOUNCE -> {
        detail = p.get("bounce");
        // Permanent is hard; Transient (sent only once SES gives up) and Undetermined are soft
        String bounceType = detail == null ? null : Envelope.text(detail, "bounceType");
        hard = bounceType != null && bounceType.equalsIgnoreCase("Permanent");
        addressDomains(detail == null ? null : detail.get("bouncedRecipients"), true, domains);
      }
      case COMPLAINT -> {
        detail = p.get("complaint");
        feedback = detail == null ? null : Envelope.text(detail, "complaintFeedbackType");
        addressDomains(detail == null ? null : detail.get("complainedRecipients"), true, domains);
      }
      case DELIVERY -> {
        detail = p.get("delivery");
        addressDomains(detail == null ? null : detail.get("recipients"), false, domains);
      }
      case DELIVERY_DELAY -> {
        detail = p.get("deliveryDelay");
        addressDomains(detail == null ? null : detail.get("delayedRecipients"), true, domains);
      }
      default -> detail = null;
    }
    if (domains.isEmpty()) {
      addressDomains(mail.get("destination"), false, domains);
    }
    Instant time = Envelope.instant(detail == null ? null : Envelope.text(detail, "timestamp"));
    if (time == null) {
      time = Envelope.instant(Envelope.text(mail, "timestamp"));
    }
    if (time == null) {
      throw new RejectedInputException("SES event without a timestamp");
    }
    String region =
        e.region() != null ? e.region() : Envelope.arnRegion(Envelope.text(mail, "sourceArn"));
    String type = e.form() == Envelope.Form.EVENTBRIDGE ? e.detailType() : kind.name();
    return new SesEvent(
        kind,
        Envelope.text(mail, "messageId"),
        account,
        region,
        time,
        configurationSet,
        tenant,
        fromDomain,
        domains,
        hard,
        feedback == null ? null : cleanFeedback(feedback),
        EventKey.of(e, p, type, time),
        EventKey.slice(e, time));
  }

  static boolean isAccountId(String s) {
    if (s.length() != 12) {
      return false;
    }
    for (int i = 0; i < 12; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String tag(JsonNode tags, String name) {
    if (tags == null) {
      return null;
    }
    JsonNode v = tags.get(name);
    if (v == null) {
      return null;
    }
    JsonNode first = v.isArray() ? v.get(0) : v;
    if (first == null || !first.isTextual() || first.asText().isBlank()) {
      return null;
    }
    String s = first.asText().strip();
    return s.length() > 256 ? s.substring(0, 256) : s;
  }

  private static void addressDomains(JsonNode list, boolean objects, List<String> out) {
    if (list == null || !list.isArray()) {
      return;
    }
    for (JsonNode n : list) {
      JsonNode a = objects ? n.get("emailAddress") : n;
      if (a != null && a.isTextual()) {
        String d = domainOf(a.asText());
        if (d != null && !out.contains(d)) {
          out.add(d);
        }
      }
    }
  }

  /**
   * The lower-cased domain of an address ({@code Name <a@b.example>} too); null when there is none.
   */
  static String domainOf(String address) {
    if (address == null) {
      return null;
    }
    int at = address.lastIndexOf('@');
    if (at < 0 || at == address.length() - 1) {
      return null;
    }
    int end = address.length();
    while (end > at + 1
        && (address.charAt(end - 1) == '>'
            || address.charAt(end - 1) == ' '
            || address.charAt(end - 1) == '.')) {
      end--;
    }
    return cleanDomain(address.substring(at + 1, end));
  }

  /**
   * Lower case; anything that is not a plausible host name becomes {@code (invalid)}, so nothing
   * else leaks into keys.
   */
  static String cleanDomain(String d) {
    String s = d.strip().toLowerCase(Locale.ROOT);
    if (s.isEmpty() || s.length() > MAX_DOMAIN) {
      return "(invalid)";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c > 127)) {
        return "(invalid)";
      }
    }
    return s;
  }

  private static String cleanFeedback(String f) {
    String s = f.strip().toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 32; i++) {
      char c = s.charAt(i);
      b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return b.length() == 0 ? "unknown" : b.toString();
  }
}
