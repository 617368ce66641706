package dev.sesops.signals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.monitor.Level;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Parses SES's own status events (EventBridge, source {@code aws.ses}) into the same verdicts the
 * monitor reaches, keyed the same way, so whichever sees a thing first alerts and the other stays
 * quiet: {@code Advisor Recommendation Status Open|Resolved} (a VDM finding, key
 * {@code finding#TYPE#RESOURCE}) and {@code Sending Status Disabled|Enabled} (a tenant's, key
 * {@code tenant#NAME} with scope {@code tenant:NAME}; or the account's, the monitor's own
 * {@code sending_enabled} check). Field names are read in the forms the SES developer guide's
 * examples and the SES v2 API use (camelCase and PascalCase); anything without the fields it needs
 * is refused with the field it lacks.
 */
final class AwsStatusEvents {
  public static final String ADVISOR_OPEN = "Advisor Recommendation Status Open";
  public static final String ADVISOR_RESOLVED = "Advisor Recommendation Status Resolved";
  public static final String SENDING_DISABLED = "Sending Status Disabled";
  public static final String SENDING_ENABLED = "Sending Status Enabled";
  public static final Set<String> DETAIL_TYPES = Set.of(ADVISOR_OPEN, ADVISOR_RESOLVED, SENDING_DISABLED, SENDING_ENABLED);
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
    String source = "EventBridge " + detailType;
    return switch (detailType) {
      case ADVISOR_OPEN, ADVISOR_RESOLVED -> {
        JsonNode r = detail.has("recommendation") ? detail.get("recommendation") : detail;
        String resource = first(r, "resourceArn", "ResourceArn", "resource", "Resource");
        String type = first(r, "type", "Type", "recommendationType");
        if (resource == null) {
          throw new BadEvent("detail.resourceArn: missing");
        }
        if (type == null) {
          throw new BadEvent("detail.type: missing");
        }
        String impact = first(r, "impact", "Impact");
        AwsFinding f = new AwsFinding(resource, type.toUpperCase(Locale.ROOT), first(r, "description", "Description"),
            detailType.equals(ADVISOR_OPEN) ? "OPEN" : "FIXED", impact == null ? "LOW" : impact.toUpperCase(Locale.ROOT),
            null, time(r));
        yield SignalJudge.finding(f, source);
      }
      case SENDING_DISABLED, SENDING_ENABLED -> {
        boolean disabled = detailType.equals(SENDING_DISABLED);
        String tenant = first(detail, "tenantName", "TenantName");
        if (tenant == null) {
          tenant = Arns.tenantName(first(detail, "tenantArn", "TenantArn", "reputationEntityReference", "ReputationEntityReference",
              "resourceArn", "ResourceArn", "entityReference"));
        }
        String cause = first(detail, "cause", "Cause", "reason");
        if (tenant != null) {
          String status = disabled ? "DISABLED" : "ENABLED";
          ReputationRecord.EntityStatus s = new ReputationRecord.EntityStatus(status, cause, time(detail));
          String by = first(detail, "statusType", "managedBy");
          boolean customer = by != null && by.toLowerCase(Locale.ROOT).contains("customer");
          ReputationRecord rep = new ReputationRecord(null, "RESOURCE", null, customer ? s : null, customer ? null : s, status, null);
          yield SignalJudge.tenant(new TenantStatus(tenant, null, null, status, rep), source);
        }
        yield new Verdict(SENDING_CHECK, SENDING_CHECK, null, disabled ? Level.CRITICAL : Level.OK, "sending disabled",
            "sending recovered", disabled ? "disabled" : "enabled",
            (disabled ? "SES reports that sending is disabled for the account: no email goes out."
                + (cause == null ? "" : "\nCause: " + cause)
                + "\n\nWhat to do next:\nFind out why sending is disabled (a pause by AWS, or someone called "
                + "PutAccountSendingAttributes); re-enable it only once the cause is fixed."
                : "SES reports that sending is enabled again for the account.\n\nWhat to do next:\nNothing: keep an eye on the next runs."),
            source);
      }
      default -> throw new BadEvent("detail-type: not an SES status event");
    };
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
