package dev.sesops.infra;

import dev.sesops.permissions.SesPermissions;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
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
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Everything ses-ops runs on in the ops account: the four functions with their schedules, the API,
 * the config secret, alert topic, state table, report bucket, alarms and dashboard.
 */
public class SesOpsStack extends Stack {

  /** Alias every trigger points at, so SnapStart snapshots of the published version are used. */
  public static final String ALIAS = "live";

  public static final String AUDIT_PREFIX = "audits/";
  public static final String TRAIL_PREFIX = "suppression-trail/";
  public static final String ACTIONS_PREFIX = "actions/";

  /**
   * Every function role lives under this IAM path; member roles trust nothing else in the ops
   * account.
   */
  public static final String FUNCTION_ROLE_PATH = "/ses-ops/";

  static final int REPORT_RETENTION_DAYS = 400;
  static final RetentionDays LOG_RETENTION = RetentionDays.THREE_MONTHS;
  static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

  /** A complete secret ARN ends in a dash and six random characters. */
  private static final Pattern COMPLETE_SECRET_ARN =
      Pattern.compile(".*:secret:.+-[A-Za-z0-9]{6}$");

  private final SesOpsSettings settings;
  private final Code code;
  private final ISecret secret;
  private final Topic alertTopic;
  private final Table stateTable;
  private final Bucket reportBucket;
  private final Queue deadLetterQueue;
  private final Map<String, Function> functions = new LinkedHashMap<>();
  private final Map<String, Alias> aliases = new LinkedHashMap<>();
  private RestApi api;

  /**
   * @param code the shaded functions jar; tests pass a small stub asset
   * @param secretTemplate the first value of the config secret when one is created here
   */
  public SesOpsStack(
      Construct scope,
      String id,
      StackProps props,
      SesOpsSettings settings,
      Code code,
      String secretTemplate) {
    super(scope, id, props);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.code = Objects.requireNonNull(code, "code");

    this.secret = configSecret(Objects.requireNonNull(secretTemplate, "secretTemplate"));
    this.alertTopic = createAlertTopic();
    this.stateTable = stateTable();
    this.reportBucket = reportBucket();
    this.deadLetterQueue = deadLetterQueue();

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
    new ReportsIngest(
        this,
        "ReportsIngest",
        reportBucket,
        aliases.get("Reports"),
        (String) getNode().tryGetContext("reportsReceiptDomain"),
        REPORT_RETENTION_DAYS);
    EventsPipeline pipeline =
        new EventsPipeline(
            this,
            "EventsPipeline",
            aliases.get("Events"),
            Duration.minutes(2),
            settings.memberAccountIds(),
            alertTopic);
    new NotificationsAccess(
        this, "IdentityNotifications", pipeline.queue(), settings.memberAccountIds());
    if (OwnSesEvents.enabled(getNode().tryGetContext("forwardOwnSesEvents"))) {
      new OwnSesEvents(this, "OwnSesEvents", pipeline.bus());
    }

    FleetSettings fleetSettings = FleetSettings.fromContext(getNode()::tryGetContext);
    if (fleetSettings.stepFunctions()) {
      fleet(fleetSettings);
    } else {
      schedule("Monitor", settings.monitorSchedule());
      schedule("Audit", settings.auditSchedule());
      schedule("Cleanup", settings.cleanupSchedule());
    }
    restApi(aliases.get("Api"));
    alarms();
    // every alarm (these, the events pipeline's, the fleet's) reaches the topic with severity and
    // check
    new AlarmRouting(this, "AlarmRouting", alertTopic);
    dashboard();
    outputs();
  }

  public ISecret secret() {
    return secret;
  }

  public Topic alertTopic() {
    return alertTopic;
  }

  public Map<String, Function> functions() {
    return Map.copyOf(functions);
  }

  // ---- shared resources ----

  private ISecret configSecret(String template) {
    if (settings.existingSecretArn().isPresent()) {
      String arn = settings.existingSecretArn().get();
      return COMPLETE_SECRET_ARN.matcher(arn).matches()
          ? Secret.fromSecretCompleteArn(this, "ConfigSecret", arn)
          : Secret.fromSecretPartialArn(this, "ConfigSecret", arn);
    }
    // created without a value, seeded once: a redeploy with a changed template never resets it
    return new ConfigSecret(this, "ConfigSeed", template).secret();
  }

  private Topic createAlertTopic() {
    Key key =
        Key.Builder.create(this, "AlertKey")
            .description("ses-ops alert topic encryption")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    // CloudWatch alarms publish to the encrypted topic as the CloudWatch service.
    key.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("AllowCloudWatchAlarmsToPublish")
            .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
            .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
            .resources(List.of("*"))
            .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID)))
            .build());
    Topic topic =
        Topic.Builder.create(this, "AlertTopic")
            .displayName("ses-ops alerts")
            .masterKey(key)
            .enforceSsl(true)
            .build();
    settings
        .alertEmailAddress()
        .ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));
    return topic;
  }

  private Table stateTable() {
    return Table.Builder.create(this, "StateTable")
        .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecoverySpecification(
            PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
        .timeToLiveAttribute("ttl")
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  private Bucket reportBucket() {
    Bucket bucket =
        Bucket.Builder.create(this, "ReportBucket")
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .enforceSsl(true)
            .minimumTlsVersion(1.2)
            .versioned(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .lifecycleRules(
                List.of(
                    expire("ExpireAuditReports", AUDIT_PREFIX),
                    expire("ExpireSuppressionTrail", TRAIL_PREFIX),
                    LifecycleRule.builder()
                        .id("CleanUpOldVersionsAndUploads")
                        .noncurrentVersionExpiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
            .build();
    // SES CreateImportJob reads the import source (written beside the trail) as the SES service,
    // on behalf of the account that calls it: this account, or a member account via its role.
    List<String> sourceAccounts = new ArrayList<>();
    sourceAccounts.add(Aws.ACCOUNT_ID);
    sourceAccounts.addAll(settings.memberAccountIds());
    bucket.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("AllowSesImportJobsToReadSuppressionTrail")
            .principals(List.of(new ServicePrincipal("ses.amazonaws.com")))
            .actions(List.of("s3:GetObject"))
            .resources(List.of(bucket.arnForObjects(TRAIL_PREFIX + "*")))
            .conditions(
                Map.of(
                    "StringEquals",
                    Map.of(
                        "aws:SourceAccount",
                        sourceAccounts.size() == 1 ? sourceAccounts.get(0) : sourceAccounts)))
            .build());
    NagSuppressions.addResourceSuppressions(
        bucket,
        List.of(
            suppression(
                "AwsSolutions-S1",
                "Reports and the suppression trail are written only by the ses-ops functions, whose calls "
                    + "are in CloudTrail; a second bucket for server access logs adds cost without a reader.")));
    return bucket;
  }

  private static LifecycleRule expire(String id, String prefix) {
    return LifecycleRule.builder()
        .id(id)
        .prefix(prefix)
        .expiration(Duration.days(REPORT_RETENTION_DAYS))
        .build();
  }

  private Queue deadLetterQueue() {
    Queue queue =
        Queue.Builder.create(this, "DeadLetterQueue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    return queue;
  }

  // ---- functions ----

  private Function function(
      String id, String handler, int memoryMb, Duration timeout, String description) {
    LogGroup logGroup =
        LogGroup.Builder.create(this, id + "Logs")
            .retention(LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    // An own role instead of the default one: no AWSLambdaBasicExecutionRole (logs:* on every
    // group).
    Role role =
        Role.Builder.create(this, id + "Role")
            // the path member roles trust (aws:PrincipalArn arn:...:role/ses-ops/*): function roles
            // only
            .path(FUNCTION_ROLE_PATH)
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
        Function.Builder.create(this, id + "Function")
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
            "published through the '" + ALIAS + "' alias on currentVersion");
    Alias alias =
        Alias.Builder.create(this, id + "Alias")
            .aliasName(ALIAS)
            .version(fn.getCurrentVersion())
            .build();
    NagSuppressions.addResourceSuppressions(
        fn,
        List.of(
            suppression(
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
    Object receiptDomain = getNode().tryGetContext("reportsReceiptDomain");
    if (receiptDomain instanceof String d && !d.isBlank()) {
      env.put(
          "SES_OPS_REPORTS_RECEIPT_DOMAIN", d); // the audit's DMARC section names the rua address
    }
    env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
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
    allowReports(fn, "AuditReports", AUDIT_PREFIX, true);
  }

  private void allowCleanup(Function fn) {
    allowCommon(fn, SesPermissions.CLEANUP);
    allowReports(fn, "SuppressionTrail", TRAIL_PREFIX, false);
  }

  private void allowApi(Function fn) {
    allowCommon(fn, SesPermissions.API);
    allowMetrics(fn);
    allowStateTable(fn);
    allowReports(fn, "AuditReports", AUDIT_PREFIX, true);
    allowReports(fn, "SuppressionTrail", TRAIL_PREFIX, false);
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
    allowReports(fn, "ActionLog", ACTIONS_PREFIX, false);
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
            suppression(
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
            suppression(
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
            suppression(
                "AwsSolutions-IAM5",
                List.of("Resource::*"),
                "SES account-level and identity actions are called across every identity of an account "
                    + "and cloudwatch:GetMetricData has no resource-level permissions; the actions "
                    + "themselves are listed one by one (SesPermissions)."),
            suppression(
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
            suppression(
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
    Rule.Builder.create(this, id + "Schedule")
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
    Object orgId = getNode().tryGetContext("organizationId");
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
              .resources(List.of(reportBucket.arnForObjects(TRAIL_PREFIX + "*")))
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
            suppression(
                "AwsSolutions-IAM5",
                List.of("Resource::*"),
                "The Organizations list actions have no resource-level permissions (ListTagsForResource "
                    + "is called on every member account); they are read-only (FleetPermissions)."),
            suppression(
                "AwsSolutions-IAM5",
                List.of("Action::kms:GenerateDataKey*"),
                "Added by Topic.grantPublish for the alert topic's own key only (resource is that key).")),
        true);
    // discovered accounts: the member role of the StackSet, in any account of this Organization
    // only
    Object roleName = getNode().tryGetContext("memberRoleName");
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
              suppression(
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
        this,
        "Fleet",
        fleetSettings,
        aliases.get("Fleet"),
        Map.of(
            "monitor",
                new FleetStateMachines.Job(aliases.get("Monitor"), settings.monitorSchedule()),
            "audit", new FleetStateMachines.Job(aliases.get("Audit"), settings.auditSchedule()),
            "cleanup",
                new FleetStateMachines.Job(aliases.get("Cleanup"), settings.cleanupSchedule())),
        reportBucket,
        deadLetterQueue,
        alertTopic);
  }

  private void restApi(Alias target) {
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "ApiAccessLogs")
            .retention(LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    MethodOptions iam = MethodOptions.builder().authorizationType(AuthorizationType.IAM).build();
    api =
        RestApi.Builder.create(this, "Api")
            .restApiName("ses-ops")
            .description("ses-ops: the ses-helper commands for tooling (IAM auth)")
            .endpointTypes(List.of(EndpointType.REGIONAL))
            // Access and execution logs need the account-level API Gateway CloudWatch role;
            // retained on delete because other APIs in the account may rely on it.
            .cloudWatchRole(true)
            .cloudWatchRoleRemovalPolicy(RemovalPolicy.RETAIN)
            .defaultMethodOptions(iam)
            .deployOptions(
                StageOptions.builder()
                    .stageName("v1")
                    .accessLogDestination(new LogGroupLogDestination(accessLogs))
                    .accessLogFormat(
                        AccessLogFormat.jsonWithStandardFields(
                            JsonWithStandardFieldProps.builder()
                                .caller(true)
                                .httpMethod(true)
                                .ip(true)
                                .protocol(true)
                                .requestTime(true)
                                .resourcePath(true)
                                .responseLength(true)
                                .status(true)
                                .user(true)
                                .build()))
                    // Execution logs at ERROR only and no data trace: bodies may hold recipient
                    // addresses.
                    .loggingLevel(MethodLoggingLevel.ERROR)
                    .dataTraceEnabled(false)
                    .metricsEnabled(true)
                    .throttlingRateLimit(10)
                    .throttlingBurstLimit(20)
                    // SES control-plane calls run at about 1 per second per account: keep the proxy
                    // low.
                    .methodOptions(
                        Map.of(
                            "/{proxy+}/*",
                            MethodDeploymentOptions.builder()
                                .loggingLevel(MethodLoggingLevel.ERROR)
                                .dataTraceEnabled(false)
                                .metricsEnabled(true)
                                .throttlingRateLimit(5)
                                .throttlingBurstLimit(10)
                                .build()))
                    .build())
            .build();
    RequestValidator validator =
        api.addRequestValidator(
            "RequestValidator",
            RequestValidatorOptions.builder()
                .requestValidatorName("ses-ops-validate-body-and-parameters")
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());
    LambdaIntegration integration =
        LambdaIntegration.Builder.create(target).proxy(true).allowTestInvoke(false).build();
    MethodOptions methodOptions =
        MethodOptions.builder()
            .authorizationType(AuthorizationType.IAM)
            .requestValidator(validator)
            .build();
    Method root = api.getRoot().addMethod("ANY", integration, methodOptions);
    Method proxy =
        api.getRoot().addResource("{proxy+}").addMethod("ANY", integration, methodOptions);

    for (Method method : List.of(root, proxy)) {
      NagSuppressions.addResourceSuppressions(
          method,
          List.of(
              suppression(
                  "AwsSolutions-COG4",
                  "IAM authorization is the chosen authorizer: callers are IAM principals of the team, "
                      + "not end users in a Cognito user pool.")));
    }
    NagSuppressions.addResourceSuppressions(
        api.getDeploymentStage(),
        List.of(
            suppression(
                "AwsSolutions-APIG3",
                "Every method requires SigV4 (IAM) and the stage is throttled; the callers are the "
                    + "team's own tooling, so a WAF web ACL adds cost without a rule to apply.")));
    NagSuppressions.addResourceSuppressions(
        api.getNode().findChild("CloudWatchRole"),
        List.of(
            suppression(
                "AwsSolutions-IAM4",
                "The account-level API Gateway CloudWatch role uses AWS's managed policy "
                    + "AmazonAPIGatewayPushToCloudWatchLogs, the documented way to enable API logging.")));
  }

  // ---- observability ----

  private void alarms() {
    SnsAction notify = new SnsAction(alertTopic);
    functions.forEach(
        (id, fn) -> {
          alarm(
              id + "ErrorsAlarm",
              "ses-ops " + id.toLowerCase() + " function errors",
              fn.metricErrors(sumOver5Minutes()),
              notify);
          alarm(
              id + "ThrottlesAlarm",
              "ses-ops " + id.toLowerCase() + " function throttles",
              fn.metricThrottles(sumOver5Minutes()),
              notify);
        });
    alarm(
        "DeadLetterQueueAlarm",
        "ses-ops: failed scheduled invocations are waiting in the dead-letter queue",
        deadLetterQueue.metricApproximateNumberOfMessagesVisible(
            MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()),
        notify);
    // failures that raise an alarm instead of failing (and so retrying) the invocation: the
    // monitor's run metrics
    for (Map.Entry<String, String> m : RUN_ALARMS.entrySet()) {
      alarm(
          "Monitor" + m.getKey() + "Alarm",
          m.getValue(),
          Metric.Builder.create()
              .namespace("SesOps")
              .metricName(m.getKey())
              .statistic("Sum")
              .period(Duration.minutes(5))
              .build(),
          notify);
    }
    // the API handler answers every error itself (never throws), so Lambda's Errors never see a 5XX
    if (api != null) {
      alarm(
          "Api5xxAlarm",
          "ses-ops API answered with a 5XX status",
          api.metricServerError(sumOver5Minutes()),
          notify);
    }
  }

  /** The monitor's run metrics (MetricsSink.emitRun) and what their alarms say. */
  static final Map<String, String> RUN_ALARMS =
      Map.of(
          "DedupeOff",
              "ses-ops monitor: the alert state was unusable; alerts went out without dedupe",
          "AccountsNotReached", "ses-ops monitor: accounts were not reached before the deadline",
          "AlertFailures", "ses-ops monitor: alerts could not be published");

  private static MetricOptions sumOver5Minutes() {
    return MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
  }

  /**
   * At least one in a 5-minute period raises it; missing data is fine; the topic hears both ways.
   */
  private void alarm(String id, String description, IMetric metric, SnsAction notify) {
    Alarm alarm =
        Alarm.Builder.create(this, id)
            .alarmDescription(description)
            .metric(metric)
            .threshold(1)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
  }

  private void dashboard() {
    Dashboard dashboard =
        Dashboard.Builder.create(this, "Dashboard").dashboardName("ses-ops-" + Aws.REGION).build();
    List<GraphWidget> accountWidgets = new ArrayList<>();
    for (String metricName : List.of("BounceRate", "ComplaintRate", "QuotaUsePercent")) {
      accountWidgets.add(
          GraphWidget.Builder.create()
              .title(metricName + " per account")
              .left(accountMetrics(metricName))
              .width(8)
              .build());
    }
    dashboard.addWidgets(accountWidgets.toArray(GraphWidget[]::new));
    List<IMetric> errors = new ArrayList<>();
    List<IMetric> durations = new ArrayList<>();
    functions.forEach(
        (id, fn) -> {
          errors.add(
              fn.metricErrors(
                  MetricOptions.builder()
                      .label(id)
                      .period(Duration.minutes(5))
                      .statistic("Sum")
                      .build()));
          durations.add(
              fn.metricDuration(
                  MetricOptions.builder()
                      .label(id)
                      .period(Duration.minutes(5))
                      .statistic("Maximum")
                      .build()));
        });
    dashboard.addWidgets(
        GraphWidget.Builder.create().title("Function errors").left(errors).width(12).build(),
        GraphWidget.Builder.create()
            .title("Function duration (max)")
            .left(durations)
            .width(12)
            .build());
  }

  /** One line per account: the listed accounts if context gives them, else a search over all. */
  private List<IMetric> accountMetrics(String metricName) {
    if (settings.accounts().isEmpty()) {
      return List.of(
          MathExpression.Builder.create()
              .expression(
                  "SEARCH('{SesOps,Account} MetricName=\"" + metricName + "\"', 'Maximum', 300)")
              .usingMetrics(Map.of())
              .label("")
              .period(Duration.minutes(5))
              .build());
    }
    List<IMetric> metrics = new ArrayList<>();
    for (String account : settings.accounts()) {
      metrics.add(
          Metric.Builder.create()
              .namespace("SesOps")
              .metricName(metricName)
              .dimensionsMap(Map.of("Account", account))
              .statistic("Maximum")
              .period(Duration.minutes(5))
              .label(account)
              .build());
    }
    return metrics;
  }

  private void outputs() {
    CfnOutput.Builder.create(this, "ApiUrl").value(api.getUrl()).build();
    CfnOutput.Builder.create(this, "ConfigSecretArn").value(secret.getSecretArn()).build();
    CfnOutput.Builder.create(this, "AlertTopicArn").value(alertTopic.getTopicArn()).build();
    CfnOutput.Builder.create(this, "ReportBucketName").value(reportBucket.getBucketName()).build();
    CfnOutput.Builder.create(this, "StateTableName").value(stateTable.getTableName()).build();
  }

  static NagPackSuppression suppression(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }

  static NagPackSuppression suppression(String id, List<?> appliesTo, String reason) {
    return NagPackSuppression.builder().id(id).appliesTo(appliesTo).reason(reason).build();
  }
}
