package dev.sesops.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
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

/**
 * The stack's storage and shared resources: the config secret, the alert topic with its key, the
 * state table, the report bucket (with the SES import jobs' read of the suppression trail) and the
 * dead-letter queue of the scheduled invocations.
 *
 * <p>Created in the stack's own scope, not as children of a construct: a child's logical id carries
 * its parent's path, and a changed logical id makes CloudFormation replace the table and the bucket
 * (RETAIN would orphan the old ones). The split from one file is checked to synthesize the same
 * template (issue 23).
 */
final class Storage {
  /** A complete secret ARN ends in a dash and six random characters. */
  private static final Pattern COMPLETE_SECRET_ARN =
      Pattern.compile(".*:secret:.+-[A-Za-z0-9]{6}$");

  private final Stack stack;
  private final SesOpsSettings settings;
  private final ISecret secret;
  private final Topic alertTopic;
  private final Table stateTable;
  private final Bucket reportBucket;
  private final Queue deadLetterQueue;

  Storage(Stack stack, SesOpsSettings settings, String secretTemplate) {
    this.stack = stack;
    this.settings = settings;
    this.secret = configSecret(Objects.requireNonNull(secretTemplate, "secretTemplate"));
    this.alertTopic = createAlertTopic();
    this.stateTable = createStateTable();
    this.reportBucket = createReportBucket();
    this.deadLetterQueue = createDeadLetterQueue();
  }

  ISecret secret() {
    return secret;
  }

  Topic alertTopic() {
    return alertTopic;
  }

  Table table() {
    return stateTable;
  }

  Bucket reportBucket() {
    return reportBucket;
  }

  Queue deadLetterQueue() {
    return deadLetterQueue;
  }

  private ISecret configSecret(String template) {
    if (settings.existingSecretArn().isPresent()) {
      String arn = settings.existingSecretArn().get();
      return COMPLETE_SECRET_ARN.matcher(arn).matches()
          ? Secret.fromSecretCompleteArn(stack, "ConfigSecret", arn)
          : Secret.fromSecretPartialArn(stack, "ConfigSecret", arn);
    }
    // created without a value, seeded once: a redeploy with a changed template never resets it
    return new ConfigSecret(stack, "ConfigSeed", template).secret();
  }

  private Topic createAlertTopic() {
    Key key =
        Key.Builder.create(stack, "AlertKey")
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
        Topic.Builder.create(stack, "AlertTopic")
            .displayName("ses-ops alerts")
            .masterKey(key)
            .enforceSsl(true)
            .build();
    settings
        .alertEmailAddress()
        .ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));
    return topic;
  }

  private Table createStateTable() {
    return Table.Builder.create(stack, "StateTable")
        .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
        .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecoverySpecification(
            PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
        .timeToLiveAttribute("ttl")
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  private Bucket createReportBucket() {
    Bucket bucket =
        Bucket.Builder.create(stack, "ReportBucket")
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .enforceSsl(true)
            .minimumTlsVersion(1.2)
            .versioned(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .lifecycleRules(
                List.of(
                    expire("ExpireAuditReports", SesOpsStack.AUDIT_PREFIX),
                    expire("ExpireSuppressionTrail", SesOpsStack.TRAIL_PREFIX),
                    LifecycleRule.builder()
                        .id("CleanUpOldVersionsAndUploads")
                        .noncurrentVersionExpiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7))
                        .build()))
            .build();
    // SES CreateImportJob reads the import source (written beside the trail) as the SES service,
    // on behalf of the account that calls it: this account, or a member account via its role. Each
    // account's jobs may read its own prefix only, suppression-trail/ACCOUNT-ID/ (the functions'
    // TrailKeys; "self" is the prefix of accounts reached with the functions' own credentials).
    bucket.addToResourcePolicy(
        importJobsMayRead(
            "AllowSesImportJobsOfThisAccount",
            Aws.ACCOUNT_ID,
            List.of(
                bucket.arnForObjects(SesOpsStack.TRAIL_PREFIX + "self/*"),
                bucket.arnForObjects(SesOpsStack.TRAIL_PREFIX + Aws.ACCOUNT_ID + "/*"))));
    for (String account : new LinkedHashSet<>(settings.memberAccountIds())) {
      bucket.addToResourcePolicy(
          importJobsMayRead(
              "AllowSesImportJobsOfAccount" + account,
              account,
              List.of(bucket.arnForObjects(SesOpsStack.TRAIL_PREFIX + account + "/*"))));
    }
    NagSuppressions.addResourceSuppressions(
        bucket,
        List.of(
            SesOpsStack.suppression(
                "AwsSolutions-S1",
                "Reports and the suppression trail are written only by the ses-ops functions, whose calls "
                    + "are in CloudTrail; a second bucket for server access logs adds cost without a reader.")));
    return bucket;
  }

  private static PolicyStatement importJobsMayRead(
      String sid, String account, List<String> objects) {
    return PolicyStatement.Builder.create()
        .sid(sid)
        .principals(List.of(new ServicePrincipal("ses.amazonaws.com")))
        .actions(List.of("s3:GetObject"))
        .resources(objects)
        .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", account)))
        .build();
  }

  private static LifecycleRule expire(String id, String prefix) {
    return LifecycleRule.builder()
        .id(id)
        .prefix(prefix)
        .expiration(Duration.days(SesOpsStack.REPORT_RETENTION_DAYS))
        .build();
  }

  private Queue createDeadLetterQueue() {
    Queue queue =
        Queue.Builder.create(stack, "DeadLetterQueue")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    return queue;
  }
}
