package dev.sesops.signals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.core.Level;
import dev.sesops.ses.ReputationRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses SES's own status events (EventBridge, source {@code aws.ses}) into the same verdicts the
 * monitor reaches, keyed the same way, so whichever sees a thing first alerts and the other stays
 * quiet: {@code Advisor Recommendation Status Open|Resolved} (a VDM finding, key {@code
 * finding#TYPE#RESOURCE}) and {@code Sending Status Disabled|Enabled} (a tenant's, key {@code
 * tenant#NAME} with scope {@code tenant:NAME}; or the account's, the monitor's own {@code
 * sending_enabled} check). Field names are read in the forms the SES developer guide's examples and
 * the SES v2 API use (camelCase and PascalCase); anything without the fields it needs is refused
 * with the field it lacks.
 */
final class AwsStatusEvents {
  public static final String ADVISOR_OPEN = "Advisor Recommendation Status Open";
  public static final String ADVISOR_RESOLVED = "Advisor Recommendation Status Resolved";
  public static final String SENDING_DISABLED = "Sending Status Disabled";
  public static final String SENDING_ENABLED = "Sending Status Enabled";
  public static final Set<String> DETAIL_TYPES =
      Set.of(ADVISOR_OPEN, ADVISOR_RESOLVED, SENDING_DISABLED, SENDING_ENABLED);
  static final String ADVISOR_PREFIX = "Advisor Recommendation Status ";
  static final String SENDING_PREFIX = "Sending Status ";

  /**
   * Whether a detail type is one of these events, matched by prefix: the guides name the advisor's
   * closing event both {@code Resolved} and {@code Closed}.
   */
  public static boolean handles(String detailType) {
    return detailType != null
        && (detailType.startsWith(ADVISOR_PREFIX) || detailType.startsWith(SENDING_PREFIX));
  }

  /** The monitor's check for the account's sending (its alert-state key too). */
  static final String SENDING_CHECK = "sending_enabled";

  private AwsStatusEvents() {}

  /** A detail that cannot be used; the message names the missing field. */
  public static final class BadEvent extends RuntimeException {
    BadEvent(String message) {
      super(message);
    }
  }

  public static Verdict verdict(String detailType, JsonNode detail) {
    return verdict(detailType, detail, List.of());
  }

  /**
   * The verdict of one event. {@code resources} are the event's own ARNs: the SES tenants guide
   * names the tenant of a sending-status event there only; the fields themselves may sit in {@code
   * detail}, {@code detail.data} or {@code detail.data.record} (status and cause), or the advisor's
   * {@code detail.data.recommendation} and {@code detail.metadata}.
   */
  public static Verdict verdict(String detailType, JsonNode detail, List<String> resources) {
    String source = "EventBridge " + detailType;
    String kind;
    if (detailType.startsWith(ADVISOR_PREFIX)) {
      kind =
          detailType.equals(ADVISOR_OPEN)
              ? ADVISOR_OPEN
              : isClosing(detailType.substring(ADVISOR_PREFIX.length())) ? ADVISOR_RESOLVED : null;
    } else if (detailType.startsWith(SENDING_PREFIX)) {
      String what = detailType.substring(SENDING_PREFIX.length());
      kind =
          what.equalsIgnoreCase("Disabled")
              ? SENDING_DISABLED
              : what.equalsIgnoreCase("Enabled") ? SENDING_ENABLED : null;
    } else {
      kind = null;
    }
    if (kind == null) {
      throw new BadEvent("detail-type: not an SES status event SES documents");
    }
    JsonNode data = detail.path("data").isObject() ? detail.get("data") : null;
    JsonNode record = data != null && data.path("record").isObject() ? data.get("record") : null;
    return switch (kind) {
      case ADVISOR_OPEN, ADVISOR_RESOLVED -> {
        JsonNode r =
            detail.has("recommendation")
                ? detail.get("recommendation")
                : data != null && data.has("recommendation")
                    ? data.get("recommendation")
                    : data != null ? data : detail;
        if (first(r, "resourceArn", "ResourceArn", "resource", "Resource") == null
            && detail.path("metadata").isObject()) {
          r = merged(r, detail.get("metadata"));
        }
        if (first(r, "resourceArn", "ResourceArn", "resource", "Resource") == null
            && !resources.isEmpty()) {
          r =
              merged(
                  r,
                  com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                      .objectNode()
                      .put("resourceArn", resources.get(0)));
        }
        detailType = kind;
        String resource = first(r, "resourceArn", "ResourceArn", "resource", "Resource");
        String type = first(r, "type", "Type", "recommendationType");
        if (resource == null) {
          throw new BadEvent("detail.resourceArn: missing");
        }
        if (type == null) {
          throw new BadEvent("detail.type: missing");
        }
        String impact = first(r, "impact", "Impact");
        AwsFinding f =
            new AwsFinding(
                resource,
                type.toUpperCase(Locale.ROOT),
                first(r, "description", "Description"),
                detailType.equals(ADVISOR_OPEN) ? "OPEN" : "FIXED",
                impact == null ? "LOW" : impact.toUpperCase(Locale.ROOT),
                null,
                time(r));
        yield SignalJudge.finding(f, source);
      }
      case SENDING_DISABLED, SENDING_ENABLED -> {
        String status = record == null ? null : first(record, "status", "Status", "sendingStatus");
        boolean disabled =
            status != null ? status.equalsIgnoreCase("DISABLED") : kind.equals(SENDING_DISABLED);
        String tenant = first(detail, "tenantName", "TenantName");
        if (tenant == null) {
          tenant =
              Arns.tenantName(
                  first(
                      detail,
                      "tenantArn",
                      "TenantArn",
                      "reputationEntityReference",
                      "ReputationEntityReference",
                      "resourceArn",
                      "ResourceArn",
                      "entityReference"));
        }
        if (tenant == null && data != null) {
          tenant = first(data, "tenantName", "TenantName");
          if (tenant == null) {
            tenant =
                Arns.tenantName(
                    first(
                        data,
                        "tenantArn",
                        "TenantArn",
                        "reputationEntityReference",
                        "ResourceArn",
                        "resourceArn"));
          }
        }
        for (int i = 0; tenant == null && i < resources.size(); i++) {
          tenant = Arns.tenantName(resources.get(i));
        }
        String cause = first(detail, "cause", "Cause", "reason");
        if (cause == null && record != null) {
          cause = first(record, "cause", "Cause", "reason", "causeDescription");
        }
        String origin = data == null ? null : first(data, "origin", "Origin");
        JsonNode timed = record != null ? record : detail;
        if (tenant != null) {
          String st = disabled ? "DISABLED" : "ENABLED";
          ReputationRecord.EntityStatus s =
              new ReputationRecord.EntityStatus(st, cause, time(timed));
          String by = first(detail, "statusType", "managedBy");
          if (by == null) {
            by = origin;
          }
          boolean customer = by != null && by.toLowerCase(Locale.ROOT).contains("customer");
          ReputationRecord rep =
              new ReputationRecord(
                  null, "RESOURCE", null, customer ? s : null, customer ? null : s, st, null);
          yield SignalJudge.tenant(new TenantStatus(tenant, null, null, st, rep), source);
        }
        yield new Verdict(
            SENDING_CHECK,
            SENDING_CHECK,
            null,
            disabled ? Level.CRITICAL : Level.OK,
            "sending disabled",
            "sending recovered",
            disabled ? "disabled" : "enabled",
            (disabled
                ? "SES reports that sending is disabled for the account: no email goes out."
                    + (cause == null ? "" : "\nCause: " + cause)
                    + "\n\nWhat to do next:\nFind out why sending is disabled (a pause by AWS, or someone called "
                    + "PutAccountSendingAttributes); re-enable it only once the cause is fixed."
                : "SES reports that sending is enabled again for the account.\n\nWhat to do next:\nNothing: keep an eye on the next runs."),
            source);
      }
      default -> throw new BadEvent("detail-type: not an SES status event");
    };
  }

  private static boolean isClosing(String what) {
    return what.equalsIgnoreCase("Resolved") || what.equalsIgnoreCase("Closed");
  }

  /** {@code base}'s fields, then {@code extra}'s where base has none. */
  private static JsonNode merged(JsonNode base, JsonNode extra) {
    com.fasterxml.jackson.databind.node.ObjectNode out =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    if (base != null && base.isObject()) {
      out.setAll((com.fasterxml.jackson.databind.node.ObjectNode) base);
    }
    extra
        .fields()
        .forEachRemaining(
            e -> {
              if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
              }
            });
    return out;
  }

  private static Instant time(JsonNode n) {
    String t = first(n, "lastUpdatedTimestamp", "LastUpdatedTimestamp", "timestamp");
    try {
      return t == null ? null : Instant.parse(t);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String first(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v != null && v.isTextual() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return null;
  }
}
