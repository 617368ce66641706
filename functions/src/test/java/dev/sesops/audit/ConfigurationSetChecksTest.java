package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationSetChecksTest {
  private static final ConfigurationSetInfo.EventDestination FEEDBACK =
      new ConfigurationSetInfo.EventDestination(
          "sns", true, Set.of("BOUNCE", "COMPLAINT", "DELIVERY"));

  @Test
  void check_findsNothing_forAHealthySet() {
    assertThat(
            ConfigurationSetChecks.check(
                "p", new ConfigurationSetInfo("tx", true, true, List.of(FEEDBACK))))
        .isEmpty();
  }

  @Test
  void check_flagsReputationMetricsOff_andSendingOff() {
    List<Finding> f =
        ConfigurationSetChecks.check(
            "p", new ConfigurationSetInfo("tx", false, false, List.of(FEEDBACK)));
    assertThat(f)
        .extracting(Finding::id)
        .containsExactly("configset.reputation_metrics_disabled", "configset.sending_disabled");
    assertThat(f).allSatisfy(x -> assertThat(x.resource()).isEqualTo("configuration-set:tx"));
  }

  @Test
  void check_treatsAbsentSendingOptionAsEnabled_andAbsentReputationAsOff() {
    assertThat(
            ConfigurationSetChecks.check(
                "p", new ConfigurationSetInfo("tx", null, null, List.of(FEEDBACK))))
        .extracting(Finding::id)
        .containsExactly("configset.reputation_metrics_disabled");
  }

  @Test
  void check_flagsMissingFeedbackDestination_includingDisabledOrPartialOnes() {
    var disabled =
        new ConfigurationSetInfo.EventDestination("off", false, Set.of("BOUNCE", "COMPLAINT"));
    var bounceOnly = new ConfigurationSetInfo.EventDestination("b", true, Set.of("BOUNCE"));
    assertThat(
            ConfigurationSetChecks.check(
                "p", new ConfigurationSetInfo("tx", true, true, List.of(disabled))))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).endsWith("bounces and complaints"));
    assertThat(
            ConfigurationSetChecks.check(
                "p", new ConfigurationSetInfo("tx", true, true, List.of(bounceOnly))))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo("configset.no_feedback_destination");
              assertThat(x.message()).endsWith("complaints");
            });
  }
}
