package dev.sesops.infra;

import static dev.sesops.infra.TemplateQueries.onlyResource;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The ops account's own SES events reach the ses-ops-events bus from its default bus, unless
 * switched off.
 */
class OwnSesEventsTest {

  private static Template synth(String forward) {
    App app = StackFixtures.appWithNag();
    if (forward != null) {
      app.getNode().setContext("forwardOwnSesEvents", forward);
    }
    SesOpsStack stack =
        new SesOpsStack(
            app,
            "SesOps",
            StackFixtures.PROPS,
            SesOpsSettings.defaults(),
            StackFixtures.stubCode(),
            SecretTemplate.BUILT_IN);
    Template t = Template.fromStack(stack);
    assertThat(StackFixtures.unsuppressedNagErrors(stack)).isEmpty();
    return t;
  }

  /** Rules whose targets include the ses-ops-events bus. */
  private static Map<String, Map<String, Object>> rulesToTheOpsBus(Template t) {
    Map<String, Object> target =
        Map.of(
            "Arn", Map.of("Fn::GetAtt", List.of(onlyResource(t, "AWS::Events::EventBus"), "Arn")));
    Map<String, Object> properties =
        Map.of("Targets", Match.arrayWith(List.of(Match.objectLike(target))));
    return t.findResources("AWS::Events::Rule", Map.of("Properties", Match.objectLike(properties)));
  }

  @Test
  void byDefault_aRuleOnTheDefaultBus_forwardsAwsSes_toTheOpsBus() {
    Map<String, Map<String, Object>> rules = rulesToTheOpsBus(synth(null));

    assertThat(rules).hasSize(1);
    String properties = rules.values().iterator().next().get("Properties").toString();
    assertThat(properties).contains("source=[aws.ses]").doesNotContain("EventBusName");
  }

  @Test
  void forwardOwnSesEventsFalse_leavesTheRuleOut() {
    assertThat(rulesToTheOpsBus(synth("false"))).isEmpty();
  }
}
