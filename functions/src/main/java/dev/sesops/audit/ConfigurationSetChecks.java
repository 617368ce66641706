package dev.sesops.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks on one SES configuration set: reputation metrics, sending, and a feedback destination. */
final class ConfigurationSetChecks {
  private ConfigurationSetChecks() {}

  static List<Finding> check(String account, ConfigurationSetInfo cs) {
    List<Finding> out = new ArrayList<>();
    String resource = "configuration-set:" + cs.name();
    if (!Boolean.TRUE.equals(cs.reputationMetricsEnabled())) {
      out.add(
          new Finding(
              "configset.reputation_metrics_disabled",
              Severity.MEDIUM,
              account,
              resource,
              "Reputation metrics are off for configuration set " + cs.name(),
              "Turn them on (SES v2 PutConfigurationSetReputationOptions --reputation-metrics-enabled) to see bounce and complaint rates per set.",
              Map.of("reputation_metrics_enabled", String.valueOf(cs.reputationMetricsEnabled()))));
    }
    if (Boolean.FALSE.equals(cs.sendingEnabled())) {
      out.add(
          new Finding(
              "configset.sending_disabled",
              Severity.MEDIUM,
              account,
              resource,
              "Sending is disabled for configuration set " + cs.name(),
              "Re-enable it (SES v2 PutConfigurationSetSendingOptions --sending-enabled) once the reason it was paused is fixed.",
              Map.of("sending_enabled", "false")));
    }
    boolean bounce = cs.receives("BOUNCE");
    boolean complaint = cs.receives("COMPLAINT");
    if (!bounce || !complaint) {
      out.add(
          new Finding(
              "configset.no_feedback_destination",
              Severity.MEDIUM,
              account,
              resource,
              "Configuration set "
                  + cs.name()
                  + " has no event destination for "
                  + (!bounce && !complaint
                      ? "bounces and complaints"
                      : !bounce ? "bounces" : "complaints"),
              "Add an enabled event destination (SNS, EventBridge or Firehose) with BOUNCE and COMPLAINT among its event types.",
              Map.of(
                  "destinations",
                  String.valueOf(cs.destinations().size()),
                  "bounce",
                  String.valueOf(bounce),
                  "complaint",
                  String.valueOf(complaint))));
    }
    return out;
  }

  /**
   * Identities sending without a default configuration set publish no events (issue 11): the events
   * function cannot count them. {@code defaults} is identity to default set ("" for none).
   */
  static List<Finding> defaultConfigurationSets(String account, Map<String, String> defaults) {
    List<Finding> out = new ArrayList<>();
    defaults.forEach(
        (identity, cs) -> {
          if (cs.isEmpty()) {
            out.add(
                new Finding(
                    "identity.no_default_configuration_set",
                    Severity.LOW,
                    account,
                    "identity:" + identity,
                    "Identity " + identity + " has no default configuration set",
                    "Mail sent from it without a ConfigurationSetName publishes no sending events, so ses-ops counts none of its "
                        + "bounces or complaints. Set one (SES v2 PutEmailIdentityConfigurationSetAttributes) and connect the set "
                        + "(ses-ops connect-events "
                        + account
                        + " SET).",
                    Map.of("identity", identity)));
          }
        });
    return out;
  }
}
