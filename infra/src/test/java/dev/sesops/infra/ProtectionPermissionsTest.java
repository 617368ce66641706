package dev.sesops.infra;

import static dev.sesops.infra.TemplateQueries.functionId;
import static dev.sesops.infra.TemplateQueries.roleIdOf;
import static dev.sesops.infra.TemplateQueries.statementsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.permissions.SesPermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The SES sending switches go only to the functions that act, and only when deployed with
 * protection enabled.
 */
class ProtectionPermissionsTest {
  static final String MONITOR = "dev.sesops.wiring.MonitorFunction";
  static final String API = "dev.sesops.wiring.ApiFunction";
  static final String EVENTS = "dev.sesops.wiring.EventsFunction";
  static Template off;
  static Template on;
  static SesOpsStack onStack;

  @BeforeAll
  static void synthesizeOnce() {
    App a = StackFixtures.appWithNag();
    off =
        Template.fromStack(
            new SesOpsStack(
                a,
                "SesOps",
                StackFixtures.PROPS,
                SesOpsSettings.defaults(),
                StackFixtures.stubCode(),
                SecretTemplate.BUILT_IN));
    App b = StackFixtures.appWithNag();
    onStack =
        new SesOpsStack(
            b,
            "SesOps",
            StackFixtures.PROPS,
            SesOpsSettings.fromContext(Map.<String, Object>of("protectionEnabled", "true")::get),
            StackFixtures.stubCode(),
            SecretTemplate.BUILT_IN);
    on = Template.fromStack(onStack);
  }

  /** Every action a function's role may call, flattened over its statements. */
  @SuppressWarnings("unchecked")
  static List<String> actions(Template t, String handler) {
    List<String> out = new ArrayList<>();
    for (Object s : statementsOf(t, roleIdOf(t, functionId(t, handler)))) {
      Object a = ((Map<String, Object>) s).get("Action");
      if (a instanceof List<?> l) {
        l.forEach(x -> out.add(x.toString()));
      } else {
        out.add(a.toString());
      }
    }
    return out;
  }

  @Test
  void byDefault_noFunctionMayFlipASendingSwitch_butTheActingOnesMayWriteTheActionLog() {
    for (String handler :
        List.of(
            SesOpsStackTest.MONITOR, SesOpsStackTest.AUDIT, SesOpsStackTest.CLEANUP, API, EVENTS)) {
      assertThat(actions(off, handler))
          .as(handler)
          .doesNotContainAnyElementsOf(SesPermissions.PROTECTION_WRITE);
    }
    assertThat(actions(off, EVENTS)).containsAll(SesPermissions.PROTECTION_READ);
    off.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Sid",
                                "ActionLog",
                                "Action",
                                List.of("s3:PutObject", "s3:GetObject"))))))));
  }

  @Test
  void enabled_theApiAndEventsMayFlipAllThree_theMonitorOnlyTheAccount_theOthersNone() {
    assertThat(actions(on, API))
        .containsAll(SesPermissions.PROTECTION_WRITE)
        .containsAll(SesPermissions.PROTECTION_READ);
    assertThat(actions(on, EVENTS))
        .containsAll(SesPermissions.PROTECTION_WRITE)
        .containsAll(SesPermissions.PROTECTION_READ);
    List<String> monitor = actions(on, MONITOR);
    assertThat(monitor)
        .contains("ses:PutAccountSendingAttributes")
        .doesNotContain(
            "ses:PutConfigurationSetSendingOptions",
            "ses:UpdateReputationEntityCustomerManagedStatus");
    for (String handler : SesOpsStackTest.HANDLERS) {
      if (!handler.equals(API) && !handler.equals(MONITOR) && !handler.equals(EVENTS)) {
        assertThat(actions(on, handler))
            .as(handler)
            .doesNotContainAnyElementsOf(SesPermissions.PROTECTION_WRITE);
      }
    }
    Capture resource = new Capture();
    on.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Sid",
                                "ProtectionSwitches",
                                "Action",
                                "ses:PutAccountSendingAttributes",
                                "Resource",
                                resource)))))));
    assertThat(resource.asString()).isEqualTo("*");
  }

  @Test
  @SuppressWarnings("unchecked")
  void enabled_noRoleGrantsAWriteThatSupportsAResourceTypeOnStar_theSwitchesAreThisAccounts() {
    int scoped = 0;
    for (Object p : on.findResources("AWS::IAM::Policy").values()) {
      Map<String, Object> doc =
          (Map<String, Object>)
              ((Map<String, Object>) ((Map<String, Object>) p).get("Properties"))
                  .get("PolicyDocument");
      for (Map<String, Object> st : (List<Map<String, Object>>) doc.get("Statement")) {
        List<String> actions = SesOpsMemberRoleStackTest.actionsOf(st);
        if ("*".equals(st.get("Resource"))) {
          assertThat(actions)
              .as(String.valueOf(st.get("Sid")))
              .doesNotContainAnyElementsOf(SesPermissions.SCOPED_WRITES.keySet());
        } else if (actions.contains("ses:PutConfigurationSetSendingOptions")) {
          assertThat(st.get("Resource").toString())
              .contains(":ses:*:")
              .contains("AWS::AccountId")
              .contains(":configuration-set/*");
          scoped++;
        } else if (actions.contains("ses:UpdateReputationEntityCustomerManagedStatus")) {
          assertThat(st.get("Resource").toString()).contains(":reputation-entity/*");
          scoped++;
        }
      }
    }
    // the API's and the events function's switches, each on its own resource type
    assertThat(scoped).isEqualTo(4);
  }

  @Test
  void enabled_theActionLogGrant_isTheActionsPrefixOnly() {
    Capture resource = new Capture();
    on.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(Match.objectLike(Map.of("Sid", "ActionLog", "Resource", resource)))))));
    assertThat(resource.asObject().toString()).contains("/actions/*");
  }

  @Test
  void enabled_stackIsStillNagClean() {
    assertThat(StackFixtures.unsuppressedNagErrors(onStack)).isEmpty();
  }

  @Test
  void memberRole_getsTheSwitchesOnlyWithProtectionEnabled() {
    assertThat(memberActions(false))
        .containsExactlyInAnyOrderElementsOf(SesPermissions.MEMBER)
        .doesNotContainAnyElementsOf(SesPermissions.PROTECTION_WRITE)
        .containsAll(SesPermissions.PROTECTION_READ);
    assertThat(memberActions(true))
        .containsExactlyInAnyOrderElementsOf(SesPermissions.MEMBER_WITH_PROTECTION)
        .containsAll(SesPermissions.PROTECTION_WRITE);
  }

  @Test
  void protectionEnabled_context_mustBeTrueOrFalse() {
    assertThat(
            SesOpsSettings.fromContext(Map.<String, Object>of("protectionEnabled", true)::get)
                .protectionEnabled())
        .isTrue();
    assertThat(SesOpsSettings.fromContext(Map.<String, Object>of()::get).protectionEnabled())
        .isFalse();
    assertThatThrownBy(
            () ->
                SesOpsSettings.fromContext(Map.<String, Object>of("protectionEnabled", "yes")::get))
        .hasMessage("context protectionEnabled: expected true or false, got 'yes'");
  }

  private static List<Object> memberActions(boolean protection) {
    App app = StackFixtures.appWithNag();
    SesOpsMemberRoleStack stack =
        new SesOpsMemberRoleStack(
            app,
            "SesOpsMemberRole",
            StackFixtures.PROPS,
            new SesOpsMemberRoleStack.Settings("999988887777", "ses-ops-ext-1", null, protection));
    @SuppressWarnings("unchecked")
    Map<String, Object> role =
        (Map<String, Object>)
            Template.fromStack(stack)
                .findResources(
                    "AWS::IAM::Role", Map.of("Properties", Map.of("RoleName", "ses-ops-member")))
                .values()
                .iterator()
                .next()
                .get("Properties");
    List<Object> actions = new java.util.ArrayList<>();
    for (Map<String, Object> st : SesOpsMemberRoleStackTest.policyStatements(role)) {
      if (st.get("Sid").toString().startsWith("SesActions")) {
        actions.addAll(SesOpsMemberRoleStackTest.actionsOf(st));
      }
    }
    assertThat(StackFixtures.unsuppressedNagErrors(stack)).isEmpty();
    return actions;
  }
}
