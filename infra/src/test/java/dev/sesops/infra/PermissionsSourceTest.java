package dev.sesops.infra;

import static dev.sesops.infra.TemplateQueries.functionId;
import static dev.sesops.infra.TemplateQueries.roleIdOf;
import static dev.sesops.infra.TemplateQueries.statementsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.permissions.SesPermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * {@code ses-ops permissions} prints {@link SesPermissions#policy}; the stack builds its roles from
 * the same lists. This compares them on the synthesized template, statement by statement, so they
 * cannot drift.
 */
class PermissionsSourceTest {
  private static final Map<String, String> HANDLERS =
      Map.of(
          "monitor", "dev.sesops.wiring.MonitorFunction",
          "audit", "dev.sesops.wiring.AuditFunction",
          "cleanup", "dev.sesops.wiring.SuppressionCleanupFunction",
          "api", "dev.sesops.wiring.ApiFunction",
          "events", "dev.sesops.wiring.EventsFunction",
          "reports", "dev.sesops.wiring.ReportsFunction");
  private static Template template;

  @BeforeAll
  static void synthesizeOnce() {
    Map<String, Object> context =
        Map.of("memberRoleArns", "arn:aws:iam::444455556666:role/ses-ops-member");
    App app = StackFixtures.appWithNag();
    template =
        Template.fromStack(
            new SesOpsStack(
                app,
                "SesOps",
                StackFixtures.PROPS,
                SesOpsSettings.fromContext(context::get),
                StackFixtures.stubCode(),
                SecretTemplate.BUILT_IN));
  }

  @Test
  void everyFunctionRole_hasExactlyTheActionsThePermissionsCommandPrints() {
    for (String fn : SesPermissions.FUNCTIONS) {
      if (fn.equals("member-role")) {
        continue;
      }
      List<Object> statements =
          statementsOf(template, roleIdOf(template, functionId(template, HANDLERS.get(fn))));

      TreeSet<String> synthesized = new TreeSet<>();
      for (Object s : statements) {
        Object action = ((Map<?, ?>) s).get("Action");
        if (action instanceof List<?> l) {
          l.forEach(a -> synthesized.add(a.toString()));
        } else {
          synthesized.add(action.toString());
        }
      }
      TreeSet<String> printed = new TreeSet<>();
      SesPermissions.policy(fn).forEach(st -> printed.addAll(st.actions()));

      assertThat(synthesized).as(fn).isEqualTo(printed);
      // the statements the stack names carry the same actions under the same Sid
      for (SesPermissions.Statement st : SesPermissions.policy(fn)) {
        statements.stream()
            .map(s -> (Map<?, ?>) s)
            .filter(s -> st.sid().equals(s.get("Sid")))
            .forEach(
                s -> {
                  Object a = s.get("Action");
                  List<String> actions =
                      a instanceof List<?> l
                          ? l.stream().map(Object::toString).toList()
                          : List.of(a.toString());
                  assertThat(actions)
                      .as(fn + " " + st.sid())
                      .containsExactlyInAnyOrderElementsOf(st.actions());
                });
      }
    }
  }

  @Test
  void memberRole_isEverythingAnyFunctionCallsInAMemberAccount_scopedWhereSesAllows() {
    List<SesPermissions.Statement> member = SesPermissions.policy("member-role");
    assertThat(member.stream().flatMap(s -> s.actions().stream()))
        .containsExactlyInAnyOrderElementsOf(SesPermissions.MEMBER);
    assertThat(member)
        .filteredOn(s -> s.resource().equals("*"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.actions())
                    .doesNotContainAnyElementsOf(SesPermissions.SCOPED_WRITES.keySet()));
    assertThat(member)
        .filteredOn(s -> s.actions().contains("ses:SendEmail"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.resource())
                    .isEqualTo(
                        "arn:PARTITION:ses:*:ACCOUNT:identity/*, "
                            + "arn:PARTITION:ses:*:ACCOUNT:configuration-set/*"));
  }
}
