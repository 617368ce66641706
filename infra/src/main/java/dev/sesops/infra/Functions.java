package dev.sesops.infra;

import dev.sesops.permissions.SesPermissions;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * The functions: one per job, each with its own log group, role (under {@link
 * SesOpsStack#SesOpsStack.FUNCTION_ROLE_PATH}), the grants it needs and a {@value
 * SesOpsStack#SesOpsStack.ALIAS} alias; then their triggers (schedules, or the fleet's state
 * machines).
 *
 * <p>Created in the stack's own scope so the logical ids stay those of the one-file stack (see
 * {@link Storage}).
 */
final class Functions {
  private final Stack stack;
  private final SesOpsSettings settings;
  private final Code code;
  private final ISecret secret;
  private final Topic alertTopic;
  private final Table stateTable;
  private final Bucket reportBucket;
  private final Queue deadLetterQueue;
  private final Map<String, Function> functions = new LinkedHashMap<>();
  private final Map<String, Alias> aliases = new LinkedHashMap<>();

  Functions(Stack stack, SesOpsSettings settings, Code code, Storage storage) {
    this.stack = stack;
    this.settings = settings;
    this.code = code;
    this.secret = storage.secret();
    this.alertTopic = storage.alertTopic();
    this.stateTable = storage.table();
    this.reportBucket = storage.reportBucket();
    this.deadLetterQueue = storage.deadLetterQueue();

    Function monitor =
        function(
            "Monitor",
            "dev.sesops.wiring.MonitorFunction",
            1024,
            Duration.minutes(2),
            "ses-ops monitor: account health, quota and reputation; alerts on change");
    Function audit =
        function(
            "Audit",
            "dev.sesops.wiring.AuditFunction",
            1024,
            Duration.minutes(14),
            "ses-ops audit: identities, DKIM, MAIL FROM, DNS and drift; report to S3");
    Function cleanup =
        function(
            "Cleanup",
            "dev.sesops.wiring.SuppressionCleanupFunction",
            1024,
            Duration.minutes(14),
            "ses-ops suppression cleanup: removes stale suppressed addresses with a trail");
    Function apiFunction =
        function(
            "Api",
            "dev.sesops.wiring.ApiFunction",
            1024,
            Duration.seconds(29),
            "ses-ops API: the ses-helper commands over IAM-authorized REST");
    Function events =
        function(
            "Events",
            "dev.sesops.wiring.EventsFunction",
            1024,
            Duration.minutes(2),
            "ses-ops events: per-scope counters and rate alerts from SES events");
    Function reports =
        function(
            "Reports",
            "dev.sesops.wiring.ReportsFunction",
            1024,
            Duration.minutes(5),
            "ses-ops reports: DMARC aggregate and TLS reports from S3, per source; alerts");

    allowMonitor(monitor);
    allowAudit(audit);
    allowCleanup(cleanup);
    allowApi(apiFunction);
    allowEvents(events);
    allowReportsFunction(reports);
  }

  /** The functions by id, in the order they were created. */
  Map<String, Function> byId() {
    return Collections.unmodifiableMap(functions);
  }

  Alias alias(String id) {
    return aliases.get(id);
  }

  /** Fleet mode: the fleet function and its state machines; else one schedule per job. */
  void triggers(FleetSettings fleetSettings) {
    if (fleetSettings.stepFunctions()) {
      fleet(fleetSettings);
    } else {
      schedule("Monitor", settings.monitorSchedule());
      schedule("Audit", settings.auditSchedule());
      schedule("Cleanup", settings.cleanupSchedule());
    }
  }

  private Function function(
      String id, String handler, int memoryMb, Duration timeout, String description) {
    LogGroup logGroup =
        LogGroup.Builder.create(stack, id + "Logs")
            .retention(SesOpsStack.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    // An own role instead of the default one: no AWSLambdaBasicExecutionRole (logs:* on every
    // group).
    Role role =
        Role.Builder.create(stack, id + "Role")
            // the path member roles trust (aws:PrincipalArn arn:...:role/ses-ops/*): function roles
            // only
            .path(SesOpsStack.FUNCTION_ROLE_PATH)
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("ses-ops " + id.toLowerCase() + " function")
            .build();
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .sid("WriteOwnLogs")
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(logGroup.getLogGroupArn()))
            .build());

    // the API and the SQS-fed events function are invoked synchronously: no async dead-letter queue
    boolean scheduled = !"Api".equals(id) && !"Events".equals(id);
    Function.Builder builder =
        Function.Builder.create(stack, id + "Function")
            .description(description)
            .runtime(Runtime.JAVA_21)
            // arm64 (Graviton): about 20% cheaper per GB-second, and SnapStart supports it.
            .architecture(Architecture.ARM_64)
            .code(code)
            .handler(handler + "::handleRequest")
            .memorySize(memoryMb)
            .timeout(timeout)
            .role(role)
            .logGroup(logGroup)
            .loggingFormat(LoggingFormat.JSON)
            .applicationLogLevelV2(ApplicationLogLevel.INFO)
            .systemLogLevelV2(SystemLogLevel.WARN)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .environment(environment());
    if (scheduled) {
      builder.deadLetterQueue(deadLetterQueue);
    }
    Function fn = builder.build();
    // The warning asks whether a version is published: the alias below publishes currentVersion.
    Annotations.of(fn)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "published through the '" + SesOpsStack.ALIAS + "' alias on currentVersion");
    Alias alias =
        Alias.Builder.create(stack, id + "Alias")
            .aliasName(SesOpsStack.ALIAS)
            .version(fn.getCurrentVersion())
            .build();
    NagSuppressions.addResourceSuppressions(
        fn,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-L1",
                "java21 is the runtime the functions are built and tested for; moving to a newer Java "
                    + "runtime is a deliberate upgrade of the functions module, not a stack change.")));
    functions.put(id, fn);
    aliases.put(id, alias);
    return fn;
  }

  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SES_OPS_SECRET_ID", secret.getSecretArn());
    env.put("SES_OPS_ALERT_TOPIC_ARN", alertTopic.getTopicArn());
    env.put("SES_OPS_STATE_TABLE", stateTable.getTableName());
    env.put("SES_OPS_REPORT_BUCKET", reportBucket.getBucketName());
    Object receiptDomain = stack.getNode().tryGetContext("reportsReceiptDomain");
    if (receiptDomain instanceof String d && !d.isBlank()) {
      env.put(
          "SES_OPS_REPORTS_RECEIPT_DOMAIN", d); // the audit's DMARC section names the rua address
    }
    env.put("JAVA_TOOL_OPTIONS", SesOpsStack.JAVA_TOOL_OPTIONS);
    return env;
  }

  // ---- permissions: one method per function, the SES lists live in SesPermissions ----

  private void allowMonitor(Function fn) {
    allowCommon(fn, SesPermissions.MONITOR);
    allowMetrics(fn);
    allowStateTable(fn);
    allowProtection(fn, SesPermissions.MONITOR_PROTECTION_WRITE);
  }

  private void allowAudit(Function fn) {
    allowCommon(fn, SesPermissions.AUDIT);
    allowStateTable(fn);
    allowReports(fn, "AuditReports", SesOpsStack.AUDIT_PREFIX, true);
  }

  private void allowCleanup(Function fn) {
    allowCommon(fn, SesPermissions.CLEANUP);
    allowReports(fn, "SuppressionTrail", SesOpsStack.TRAIL_PREFIX, false);
  }

  private void allowApi(Function fn) {
    allowCommon(fn, SesPermissions.API);
    allowMetrics(fn);
    allowStateTable(fn);
    allowReports(fn, "AuditReports", SesOpsStack.AUDIT_PREFIX, true);
    allowReports(fn, "SuppressionTrail", SesOpsStack.TRAIL_PREFIX, false);
    allowProtection(fn, SesPermissions.PROTECTION_WRITE);
    if (!settings.memberRoleArns().isEmpty()) {
      // the caller's identity on its member-account session (SourceIdentity, issue 26)
      fn.addToRolePolicy(
          PolicyStatement.Builder.create()
              .sid("SetCallerSourceIdentity")
              .actions(SesPermissions.SET_SOURCE_IDENTITY)
              .resources(settings.memberRoleArns())
              .build());
    }
  }

  /**
   * A function that acts for protection: the action log in the report bucket always (dry run logs
   * too), the SES sending switches only when deployed with protection enabled.
   */
  private void allowProtection(Function fn, List<String> switches) {
    allowReports(fn, "ActionLog", SesOpsStack.ACTIONS_PREFIX, false);
    if (settings.protectionEnabled()) {
      // configuration sets and reputation entities of this account only; the account has no ARN
      SesGrants.statements("ProtectionSwitches", switches).forEach(fn::addToRolePolicy);
      SesGrants.suppressScopedWildcards(fn.getRole());
    }
  }

  /** Events: the config, alerts, the state table; no SES calls. */
  private void allowEvents(Function fn) {
    secret.grantRead(fn);
    alertTopic.grantPublish(fn);
    allowStateTable(fn);
    // the counters are read 100 keys a call (recorded against the emulator: PipelineIT)
    fn.addToRolePolicy(
        PolicyStatement.Builder.create()
            .sid("EventCounters")
            .actions(SesPermissions.EVENT_COUNTERS)
            .resources(List.of(stateTable.getTableArn()))
            .build());
    NagSuppressions.addResourceSuppressions(
        fn.getRole(),
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of("Action::kms:GenerateDataKey*"),
                "Added by Topic.grantPublish for the alert topic's own key only (resource is that key).")),
        true);
    allowEventsProtection(fn);
  }

  /**
   * The reports function: raw reports in, aggregates out, the state table, alerts, dedicated IPs
   * (issue 24).
   */
  private void allowReportsFunction(Function fn) {
    allowCommon(fn, SesPermissions.REPORTS_FUNCTION);
    allowStateTable(fn);
    allowReports(fn, "InboundReportMail", ReportsIngest.INBOUND_PREFIX, false);
    allowReports(fn, "ReportFiles", ReportsIngest.REPORTS_PREFIX, false);
    allowReports(fn, "DmarcAggregates", "dmarc/", false);
    allowReports(fn, "TlsReportAggregates", "tlsrpt/", false);
  }

  /**
   * The events function acts for protection after each batch: it reads a scope's state before it
   * pauses it, in the account's own role, and may flip the switches only with protection enabled.
   */
  private void allowEventsProtection(Function fn) {
    fn.addToRolePolicy(
        PolicyStatement.Builder.create()
            .sid("ProtectionReads")
            .actions(SesPermissions.PROTECTION_READ)
            .resources(List.of("*"))
            .build());
    if (!settings.memberRoleArns().isEmpty()) {
      fn.addToRolePolicy(
          PolicyStatement.Builder.create()
              .sid("AssumeMemberAccountRoles")
              .actions(List.of("sts:AssumeRole"))
              .resources(settings.memberRoleArns())
              .build());
    }
    NagSuppressions.addResourceSuppressions(
        fn.getRole(),
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of("Resource::*"),
                "SES configuration sets, tenants and the account are read and switched by name across an account; the "
                    + "actions are listed one by one (SesPermissions.PROTECTION_READ / PROTECTION_WRITE).")),
        true);
    allowProtection(fn, SesPermissions.PROTECTION_WRITE);
  }

  /** What every function needs: its SES actions, the config, alerts, and the member roles. */
  private void allowCommon(Function fn, List<String> sesActions) {
    SesGrants.statements("SesActions", sesActions).forEach(fn::addToRolePolicy);
    SesGrants.suppressScopedWildcards(fn.getRole());
    secret.grantRead(fn);
    alertTopic.grantPublish(fn);
    NagSuppressions.addResourceSuppressions(
        fn.getRole(),
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of("Resource::*"),
                "SES account-level and identity actions are called across every identity of an account "
                    + "and cloudwatch:GetMetricData has no resource-level permissions; the actions "
                    + "themselves are listed one by one (SesPermissions)."),
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of("Action::kms:GenerateDataKey*"),
                "Added by Topic.grantPublish for the alert topic's own key only (resource is that key).")),
        true);
    if (!settings.memberRoleArns().isEmpty()) {
      fn.addToRolePolicy(
          PolicyStatement.Builder.create()
              .sid("AssumeMemberAccountRoles")
              .actions(SesPermissions.ASSUME_MEMBER_ROLES)
              .resources(settings.memberRoleArns())
              .build());
    }
  }

  private void allowMetrics(Function fn) {
    fn.addToRolePolicy(
        PolicyStatement.Builder.create()
            .sid("ReadReputationMetrics")
            .actions(SesPermissions.METRICS)
            // GetMetricData has no resource-level permissions.
            .resources(List.of("*"))
            .build());
  }

  private void allowStateTable(Function fn) {
    fn.addToRolePolicy(
        PolicyStatement.Builder.create()
            .sid("StateTable")
            .actions(SesPermissions.STATE_TABLE)
            .resources(List.of(stateTable.getTableArn()))
            .build());
  }

  private void allowReports(Function fn, String sid, String prefix, boolean list) {
    fn.addToRolePolicy(
        PolicyStatement.Builder.create()
            .sid(sid)
            .actions(SesPermissions.REPORTS)
            .resources(List.of(reportBucket.arnForObjects(prefix + "*")))
            .build());
    if (list) {
      fn.addToRolePolicy(
          PolicyStatement.Builder.create()
              .sid(sid + "List")
              .actions(SesPermissions.REPORTS_LIST)
              .resources(List.of(reportBucket.getBucketArn()))
              .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(prefix + "*"))))
              .build());
    }
    NagSuppressions.addResourceSuppressions(
        fn.getRole(),
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of(
                    RegexAppliesTo.builder()
                        .regex(
                            "/^Resource::<ReportBucket[0-9A-Fa-f]*\\.Arn>\\/"
                                + prefix.replace("/", "\\/")
                                + "\\*$/")
                        .build()),
                "Object keys are written per run and per account; the grant is limited to one prefix ("
                    + prefix
                    + ") of the one report bucket.")),
        true);
  }

  // ---- triggers ----

  private void schedule(String id, String expression) {
    Rule.Builder.create(stack, id + "Schedule")
        .description("ses-ops " + id.toLowerCase() + " schedule")
        .schedule(Schedule.expression(expression))
        .targets(
            List.of(
                new LambdaFunction(
                    aliases.get(id),
                    LambdaFunctionProps.builder()
                        .deadLetterQueue(deadLetterQueue)
                        .retryAttempts(2)
                        .maxEventAge(Duration.hours(1))
                        .build())))
        .build();
  }

  /** Fleet mode: one state machine per scheduled job, started by the schedules (docs/fleet.md). */
  private void fleet(FleetSettings fleetSettings) {
    Function steps =
        function(
            "Fleet",
            "dev.sesops.wiring.FleetFunction",
            1024,
            Duration.minutes(5),
            "ses-ops fleet: the item list (config and AWS Organizations) and the run's summary");
    steps.addToRolePolicy(
        PolicyStatement.Builder.create()
            .sid("DiscoverOrganizationAccounts")
            .actions(FleetPermissions.ORGANIZATIONS)
            .resources(List.of("*"))
            .build());
    secret.grantRead(steps);
    alertTopic.grantPublish(steps);
    allowReports(steps, "FleetRuns", FleetStateMachines.PREFIX, true);
    // SES import jobs of discovered accounts read the suppression trail as the SES service on their
    // behalf: allowed for accounts of the Organization when its id is given (context
    // organizationId)
    Object orgId = stack.getNode().tryGetContext("organizationId");
    if (orgId != null && !orgId.toString().isBlank()) {
      if (!orgId.toString().trim().matches("o-[a-z0-9]{10,32}")) {
        throw new IllegalArgumentException(
            "context organizationId: expected o-xxxxxxxxxx, got '" + orgId + "'");
      }
      reportBucket.addToResourcePolicy(
          PolicyStatement.Builder.create()
              .sid("AllowSesImportJobsOfOrganizationAccounts")
              .principals(List.of(new ServicePrincipal("ses.amazonaws.com")))
              .actions(List.of("s3:GetObject"))
              .resources(List.of(reportBucket.arnForObjects(SesOpsStack.TRAIL_PREFIX + "*")))
              .conditions(
                  Map.of("StringEquals", Map.of("aws:SourceOrgID", orgId.toString().trim())))
              .build());
    }
    // items, results and summaries of past runs: a month is enough to look back
    reportBucket.addLifecycleRule(
        LifecycleRule.builder()
            .id("ExpireFleetRuns")
            .prefix(FleetStateMachines.PREFIX)
            .expiration(Duration.days(30))
            .build());
    NagSuppressions.addResourceSuppressions(
        steps.getRole(),
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of("Resource::*"),
                "The Organizations list actions have no resource-level permissions (ListTagsForResource "
                    + "is called on every member account); they are read-only (FleetPermissions)."),
            SesOpsStack.suppression(
                "AwsSolutions-IAM5",
                List.of("Action::kms:GenerateDataKey*"),
                "Added by Topic.grantPublish for the alert topic's own key only (resource is that key).")),
        true);
    // discovered accounts: the member role of the StackSet, in any account of this Organization
    // only
    Object roleName = stack.getNode().tryGetContext("memberRoleName");
    String memberRole =
        roleName == null || roleName.toString().isBlank()
            ? SesOpsMemberRoleStack.DEFAULT_ROLE_NAME
            : roleName.toString().trim();
    for (String job : List.of("Monitor", "Audit", "Cleanup")) {
      Function fn = functions.get(job);
      fn.addToRolePolicy(
          PolicyStatement.Builder.create()
              .sid("AssumeOrganizationMemberRole")
              .actions(List.of("sts:AssumeRole"))
              .resources(List.of("arn:" + Aws.PARTITION + ":iam::*:role/" + memberRole))
              .conditions(
                  Map.of("StringEquals", Map.of("aws:ResourceOrgID", "${aws:PrincipalOrgID}")))
              .build());
      NagSuppressions.addResourceSuppressions(
          fn.getRole(),
          List.of(
              SesOpsStack.suppression(
                  "AwsSolutions-IAM5",
                  List.of(
                      RegexAppliesTo.builder()
                          .regex("/^Resource::arn:<AWS::Partition>:iam::\\*:role\\/.*$/")
                          .build()),
                  "Discovered member accounts are not known at deploy time: the one member role name, in accounts "
                      + "of this Organization only (aws:ResourceOrgID = aws:PrincipalOrgID).")),
          true);
    }
    new FleetStateMachines(
        stack,
        "Fleet",
        fleetSettings,
        aliases.get("Fleet"),
        new TreeMap<>(
            Map.of(
                "monitor",
                    new FleetStateMachines.Job(aliases.get("Monitor"), settings.monitorSchedule()),
                "audit", new FleetStateMachines.Job(aliases.get("Audit"), settings.auditSchedule()),
                "cleanup",
                    new FleetStateMachines.Job(
                        aliases.get("Cleanup"), settings.cleanupSchedule()))),
        reportBucket,
        deadLetterQueue,
        alertTopic);
  }
}
