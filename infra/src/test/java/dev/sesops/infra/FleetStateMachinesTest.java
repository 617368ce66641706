package dev.sesops.infra;

import static dev.sesops.infra.TemplateQueries.functionId;
import static dev.sesops.infra.TemplateQueries.properties;
import static dev.sesops.infra.TemplateQueries.roleIdOf;
import static dev.sesops.infra.TemplateQueries.statementsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Fleet mode ({@code fleetMode=stepfunctions}): the state machines, their schedules and roles. */
class FleetStateMachinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SesOpsStack stack;
  private static Template template;

  /** job -> the state machine's logical id */
  private static final Map<String, String> MACHINES = new LinkedHashMap<>();

  @BeforeAll
  static void synthesizeOnce() {
    App app =
        new App(
            AppProps.builder()
                .context(
                    Map.of(
                        "fleetMode", "stepfunctions",
                        "fleetMaxConcurrency", "150",
                        "fleetToleratedFailurePercentage", 5,
                        "fleetMonitorBatchSize", "25",
                        "organizationId", "o-abcdef1234"))
                .build());
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    stack =
        new SesOpsStack(
            app,
            "SesOps",
            StackFixtures.PROPS,
            SesOpsSettings.defaults(),
            StackFixtures.stubCode(),
            SecretTemplate.BUILT_IN);
    template = Template.fromStack(stack);
    template
        .findResources("AWS::StepFunctions::StateMachine")
        .keySet()
        .forEach(
            id -> {
              for (String job : List.of("Monitor", "Audit", "Cleanup")) {
                if (id.startsWith("Fleet" + job)) {
                  MACHINES.put(job.toLowerCase(), id);
                }
              }
            });
  }

  /**
   * The Amazon States Language of a machine, with every intrinsic (Fn::GetAtt, Ref) shown as <ref>.
   */
  @SuppressWarnings("unchecked")
  private static JsonNode definition(String job) throws Exception {
    Object def = properties(template, MACHINES.get(job)).get("DefinitionString");
    StringBuilder sb = new StringBuilder();
    if (def instanceof String s) {
      sb.append(s);
    } else {
      List<Object> join = (List<Object>) ((Map<String, Object>) def).get("Fn::Join");
      for (Object part : (List<Object>) join.get(1)) {
        sb.append(part instanceof String s ? s : "<ref>");
      }
    }
    return JSON.readTree(sb.toString());
  }

  private static JsonNode mapState(JsonNode definition) {
    for (JsonNode s : definition.path("States")) {
      if ("Map".equals(s.path("Type").asText())) {
        return s;
      }
    }
    throw new AssertionError("no Map state in " + definition);
  }

  @Test
  void oneStateMachinePerScheduledJob_andTheFleetStepsFunction() {
    assertThat(MACHINES.keySet()).containsExactlyInAnyOrder("monitor", "audit", "cleanup");
    template.resourceCountIs("AWS::StepFunctions::StateMachine", 3);
    functionId(template, "dev.sesops.wiring.FleetFunction");
  }

  @ParameterizedTest
  @ValueSource(strings = {"monitor", "audit", "cleanup"})
  void eachMachine_plansThenFansOutOnADistributedMap_thenSummarizes(String job) throws Exception {
    JsonNode d = definition(job);
    JsonNode map = mapState(d);
    assertThat(map.path("ItemProcessor").path("ProcessorConfig").path("Mode").asText())
        .isEqualTo("DISTRIBUTED");
    assertThat(map.path("ItemReader").path("Resource").asText())
        .isEqualTo("arn:<ref>:states:::s3:getObject");
    assertThat(map.path("ItemReader").path("ReaderConfig").path("InputType").asText())
        .isEqualTo("JSON");
    assertThat(map.path("ItemReader").path("Parameters").path("Key.$").asText())
        .isEqualTo("$.plan.key");
    assertThat(map.path("ResultWriter").path("Resource").asText())
        .isEqualTo("arn:<ref>:states:::s3:putObject");
    assertThat(map.path("ResultWriter").path("Parameters").path("Prefix.$").asText())
        .isEqualTo("$.plan.results_prefix");
    assertThat(map.path("MaxConcurrency").asInt()).isEqualTo(150);
    assertThat(map.path("ToleratedFailurePercentage").asInt()).isEqualTo(5);
    assertThat(map.path("Catch").get(0).path("ErrorEquals").get(0).asText())
        .isEqualTo("States.ALL");
    // the first step plans, the last aggregates (and the one after a failed map too)
    String start = d.path("StartAt").asText();
    assertThat(d.path("States").path(start).path("Parameters").path("step").asText())
        .isEqualTo("items");
    List<String> summaries = new ArrayList<>();
    d.path("States")
        .fields()
        .forEachRemaining(
            e -> {
              if ("summary".equals(e.getValue().path("Parameters").path("step").asText())) {
                summaries.add(e.getKey());
                assertThat(e.getValue().path("End").asBoolean()).isTrue();
              }
            });
    assertThat(summaries).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"monitor", "audit", "cleanup"})
  void everyLambdaStep_retriesThrottlingAndServiceErrors_withBackOff(String job) throws Exception {
    JsonNode d = definition(job);
    List<JsonNode> tasks = new ArrayList<>();
    d.path("States")
        .forEach(
            s -> {
              if ("Task".equals(s.path("Type").asText())) {
                tasks.add(s);
              }
            });
    mapState(d).path("ItemProcessor").path("States").forEach(tasks::add);
    assertThat(tasks).hasSize(4);
    for (JsonNode t : tasks) {
      JsonNode retry = t.path("Retry").get(0);
      List<String> errors = new ArrayList<>();
      retry.path("ErrorEquals").forEach(e -> errors.add(e.asText()));
      assertThat(errors)
          .contains(
              "Lambda.TooManyRequestsException",
              "Lambda.ServiceException",
              "Lambda.AWSLambdaException",
              "Lambda.SdkClientException");
      assertThat(retry.path("BackoffRate").asDouble()).isEqualTo(2.0);
      assertThat(retry.path("IntervalSeconds").asInt()).isEqualTo(2);
      assertThat(retry.path("MaxAttempts").asInt()).isEqualTo(4);
      assertThat(retry.path("JitterStrategy").asText()).isEqualTo("FULL");
    }
  }

  @Test
  void onlyTheMonitor_batchesItsItems_withTheContextsSize() throws Exception {
    JsonNode monitor = mapState(definition("monitor"));
    assertThat(monitor.path("ItemBatcher").path("MaxItemsPerBatch").asInt()).isEqualTo(25);
    assertThat(monitor.path("ItemBatcher").path("BatchInput").path("run_id.$").asText())
        .isEqualTo("$$.Execution.Name");
    for (String job : List.of("audit", "cleanup")) {
      JsonNode map = mapState(definition(job));
      assertThat(map.has("ItemBatcher")).isFalse();
      assertThat(map.path("ItemSelector").path("fleet_item.$").asText())
          .isEqualTo("$$.Map.Item.Value");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSchedules_startTheMachines_throughRolesThatMayStartOnlyTheirOwnMachine() {
    // the schedules (the events pipeline has a rule of its own, on its bus, without a schedule)
    Map<String, Map<String, Object>> rules =
        template.findResources(
            "AWS::Events::Rule",
            Map.of("Properties", Match.objectLike(Map.of("ScheduleExpression", Match.anyValue()))));
    assertThat(rules).hasSize(3);
    Map<String, String> expected =
        Map.of(
            "monitor", SesOpsSettings.DEFAULT_MONITOR_SCHEDULE,
            "audit", SesOpsSettings.DEFAULT_AUDIT_SCHEDULE,
            "cleanup", SesOpsSettings.DEFAULT_CLEANUP_SCHEDULE);
    List<String> targeted = new ArrayList<>();
    for (Map<String, Object> rule : rules.values()) {
      Map<String, Object> p = (Map<String, Object>) rule.get("Properties");
      Map<String, Object> target = ((List<Map<String, Object>>) p.get("Targets")).get(0);
      String machine = ((Map<String, String>) target.get("Arn")).get("Ref");
      assertThat(MACHINES).containsValue(machine);
      String job =
          MACHINES.entrySet().stream()
              .filter(e -> e.getValue().equals(machine))
              .findFirst()
              .orElseThrow()
              .getKey();
      targeted.add(job);
      assertThat(p.get("ScheduleExpression")).isEqualTo(expected.get(job));
      assertThat(target).containsKey("DeadLetterConfig");
      String roleId =
          ((List<String>) ((Map<String, Object>) target.get("RoleArn")).get("Fn::GetAtt")).get(0);
      List<Object> statements = statementsOf(template, roleId);
      assertThat(statements)
          .singleElement()
          .satisfies(
              s -> {
                Map<String, Object> st = (Map<String, Object>) s;
                assertThat(st.get("Action")).isEqualTo("states:StartExecution");
                assertThat(st.get("Resource")).isEqualTo(Map.of("Ref", machine));
              });
    }
    assertThat(targeted).containsExactlyInAnyOrder("monitor", "audit", "cleanup");
    // no schedule invokes a function directly in fleet mode
    template.resourcePropertiesCountIs(
        "AWS::Lambda::Permission", Map.of("Principal", "events.amazonaws.com"), 0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theFleetFunction_readsOrganizationsOnly_andWritesUnderFleetPrefix() {
    String role = roleIdOf(template, functionId(template, "dev.sesops.wiring.FleetFunction"));
    List<Object> statements = statementsOf(template, role);
    Map<String, Object> orgs =
        (Map<String, Object>)
            statements.stream()
                .filter(
                    s ->
                        "DiscoverOrganizationAccounts".equals(((Map<String, Object>) s).get("Sid")))
                .findFirst()
                .orElseThrow();
    assertThat((List<Object>) orgs.get("Action"))
        .containsExactlyInAnyOrder(
            "organizations:ListAccounts",
            "organizations:ListAccountsForParent",
            "organizations:ListOrganizationalUnitsForParent",
            "organizations:ListTagsForResource");
    assertThat(statements)
        .noneMatch(s -> String.valueOf(((Map<String, Object>) s).get("Action")).contains("ses:"));
    assertThat(String.valueOf(statements)).contains("/fleet/*");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theJobFunctions_mayAssumeTheMemberRole_onlyInTheirOwnOrganization() {
    for (String handler :
        List.of(
            "dev.sesops.wiring.MonitorFunction",
            "dev.sesops.wiring.AuditFunction",
            "dev.sesops.wiring.SuppressionCleanupFunction")) {
      List<Object> statements =
          statementsOf(template, roleIdOf(template, functionId(template, handler)));
      Map<String, Object> assume =
          (Map<String, Object>)
              statements.stream()
                  .filter(
                      s ->
                          "AssumeOrganizationMemberRole"
                              .equals(((Map<String, Object>) s).get("Sid")))
                  .findFirst()
                  .orElseThrow();
      assertThat(assume.get("Action")).isEqualTo("sts:AssumeRole");
      assertThat(String.valueOf(assume.get("Resource"))).contains(":iam::*:role/ses-ops-member");
      assertThat(assume.get("Condition"))
          .isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceOrgID", "${aws:PrincipalOrgID}")));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void sesImportJobsOfTheOrganizationsAccounts_mayReadTheTrail_andFleetRunsExpire() {
    Map<String, Object> policy =
        template.findResources("AWS::S3::BucketPolicy").values().iterator().next();
    String doc =
        String.valueOf(((Map<String, Object>) policy.get("Properties")).get("PolicyDocument"));
    assertThat(doc)
        .contains("AllowSesImportJobsOfOrganizationAccounts")
        .contains("aws:SourceOrgID=o-abcdef1234")
        .contains("suppression-trail/*");
    String bucket =
        String.valueOf(template.findResources("AWS::S3::Bucket").values().iterator().next());
    assertThat(bucket)
        .contains("ExpireFleetRuns")
        .contains("Prefix=fleet/")
        .contains("ExpirationInDays=30");
  }

  @Test
  void aRunThatFailsBeforeItsSummary_raisesAnAlarmOnTheAlertTopic() {
    for (String machine : MACHINES.values()) {
      template.hasResourceProperties(
          "AWS::CloudWatch::Alarm",
          Map.of(
              "MetricName",
              "ExecutionsFailed",
              "Namespace",
              "AWS/States",
              "Dimensions",
              List.of(Map.of("Name", "StateMachineArn", "Value", Map.of("Ref", machine))),
              "Threshold",
              1,
              "AlarmActions",
              List.of(AlarmRoutingTest.formatterArn(template))));
    }
  }

  @Test
  void fleetMode_isCleanUnderCdkNag() {
    assertThat(StackFixtures.unsuppressedNagErrors(stack)).isEmpty();
  }

  @Test
  void badFleetContext_isRejectedNamingTheKey() {
    assertThatThrownBy(() -> FleetSettings.fromContext(k -> "fleetMode".equals(k) ? "queue" : null))
        .hasMessageContaining("context fleetMode");
    assertThatThrownBy(
            () -> FleetSettings.fromContext(k -> "fleetMonitorBatchSize".equals(k) ? "0" : null))
        .hasMessageContaining("context fleetMonitorBatchSize: must be between 1 and 100");
    assertThatThrownBy(
            () -> FleetSettings.fromContext(k -> "fleetMaxConcurrency".equals(k) ? "lots" : null))
        .hasMessageContaining("context fleetMaxConcurrency: expected a whole number");
    assertThat(FleetSettings.fromContext(k -> null)).isEqualTo(FleetSettings.defaults());
  }
}
