package dev.sesops.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Everything ses-ops runs on in the ops account, composed of its parts: {@link Storage} (secret,
 * alert topic, state table, report bucket, dead-letter queue), {@link Functions} (the functions,
 * their grants and triggers), {@link ReportsIngest}, {@link EventsPipeline}, {@link OpsApi} and
 * {@link Observability} (alarms, alarm routing, dashboard).
 *
 * <p>Storage, Functions, OpsApi and Observability create their resources in this stack's scope, so
 * the logical ids are those the stack had as one file: CloudFormation replaces a resource whose
 * logical id changes, and the table and the bucket must never be replaced.
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

  private final Storage storage;
  private final Functions functions;
  private final OpsApi api;

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
    Objects.requireNonNull(settings, "settings");
    storage = new Storage(this, settings, secretTemplate);
    functions = new Functions(this, settings, Objects.requireNonNull(code, "code"), storage);
    new ReportsIngest(
        this,
        "ReportsIngest",
        storage.reportBucket(),
        functions.alias("Reports"),
        (String) getNode().tryGetContext("reportsReceiptDomain"),
        REPORT_RETENTION_DAYS);
    EventsPipeline pipeline =
        new EventsPipeline(
            this,
            "EventsPipeline",
            functions.alias("Events"),
            Duration.minutes(2),
            settings.memberAccountIds(),
            storage.alertTopic());
    new NotificationsAccess(
        this, "IdentityNotifications", pipeline.queue(), settings.memberAccountIds());
    if (OwnSesEvents.enabled(getNode().tryGetContext("forwardOwnSesEvents"))) {
      new OwnSesEvents(this, "OwnSesEvents", pipeline.bus());
    }
    functions.triggers(FleetSettings.fromContext(getNode()::tryGetContext));
    api = new OpsApi(this, functions.alias("Api"));
    new Observability(
        this,
        settings,
        functions.byId(),
        storage.deadLetterQueue(),
        storage.alertTopic(),
        api.restApi());
    outputs();
  }

  public ISecret secret() {
    return storage.secret();
  }

  public Topic alertTopic() {
    return storage.alertTopic();
  }

  public Map<String, Function> functions() {
    return Map.copyOf(functions.byId());
  }

  private void outputs() {
    CfnOutput.Builder.create(this, "ApiUrl").value(api.restApi().getUrl()).build();
    CfnOutput.Builder.create(this, "ConfigSecretArn")
        .value(storage.secret().getSecretArn())
        .build();
    CfnOutput.Builder.create(this, "AlertTopicArn")
        .value(storage.alertTopic().getTopicArn())
        .build();
    CfnOutput.Builder.create(this, "ReportBucketName")
        .value(storage.reportBucket().getBucketName())
        .build();
    CfnOutput.Builder.create(this, "StateTableName").value(storage.table().getTableName()).build();
  }

  static NagPackSuppression suppression(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }

  static NagPackSuppression suppression(String id, List<?> appliesTo, String reason) {
    return NagPackSuppression.builder().id(id).appliesTo(appliesTo).reason(reason).build();
  }
}
