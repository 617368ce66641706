package dev.sesops.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Locale;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.ses.ReceiptRule;
import software.amazon.awscdk.services.ses.ReceiptRuleSet;
import software.amazon.awscdk.services.ses.actions.S3;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * DMARC and TLS reports in (issue 24): the reports function on the report bucket's object-created
 * events under {@code inbound/} (raw mail from an SES receipt rule) and {@code reports/} (report
 * files), a lifecycle rule for the raw reports, and, when a receipt domain is given, an SES receipt
 * rule set that stores mail for {@code dmarc@} and {@code tls-rpt@} that domain under {@code
 * inbound/}. The rule set is created inactive: SES has one active set per Region, activated by hand
 * (docs/reports.md).
 */
final class ReportsIngest extends Construct {
  static final String INBOUND_PREFIX = "inbound/";
  static final String REPORTS_PREFIX = "reports/";

  /**
   * Raw reports are re-readable for a quarter; the aggregates stay with the audit reports'
   * retention.
   */
  static final int RAW_RETENTION_DAYS = 90;

  ReportsIngest(
      Construct scope,
      String id,
      Bucket bucket,
      IFunction function,
      String receiptDomain,
      int aggregateRetentionDays) {
    super(scope, id);
    for (String prefix : List.of(INBOUND_PREFIX, REPORTS_PREFIX)) {
      bucket.addEventNotification(
          EventType.OBJECT_CREATED,
          new LambdaDestination(function),
          NotificationKeyFilter.builder().prefix(prefix).build());
      bucket.addLifecycleRule(
          LifecycleRule.builder()
              .id("ExpireRaw" + (prefix.equals(INBOUND_PREFIX) ? "InboundMail" : "ReportFiles"))
              .prefix(prefix)
              .expiration(Duration.days(RAW_RETENTION_DAYS))
              .build());
    }
    for (String prefix : List.of("dmarc/", "tlsrpt/")) {
      bucket.addLifecycleRule(
          LifecycleRule.builder()
              .id("Expire" + (prefix.startsWith("dmarc") ? "Dmarc" : "TlsReport") + "Aggregates")
              .prefix(prefix)
              .expiration(Duration.days(aggregateRetentionDays))
              .build());
    }
    // CDK's own singleton that applies bucket notifications: a fixed, CDK-managed function
    for (IConstruct c : Stack.of(this).getNode().getChildren()) {
      if (c.getNode().getId().startsWith("BucketNotificationsHandler")) {
        NagSuppressions.addResourceSuppressions(
            c,
            List.of(
                SesOpsStack.suppression(
                    "AwsSolutions-IAM4",
                    "CDK's BucketNotificationsHandler (a deploy-time custom resource that only sets the report bucket's "
                        + "notification configuration) comes with AWSLambdaBasicExecutionRole; its role is not ours to shape."),
                SesOpsStack.suppression(
                    "AwsSolutions-IAM5",
                    "CDK's BucketNotificationsHandler policy: s3:PutBucketNotification on the stack's buckets, as CDK writes it.")),
            true);
      }
    }
    if (receiptDomain != null && !receiptDomain.isBlank()) {
      String domain = receiptDomain.toLowerCase(Locale.ROOT);
      ReceiptRuleSet set =
          ReceiptRuleSet.Builder.create(this, "ReceiptRuleSet")
              .receiptRuleSetName("ses-ops-reports")
              .build();
      ReceiptRule.Builder.create(this, "StoreReports")
          .ruleSet(set)
          .recipients(List.of("dmarc@" + domain, "tls-rpt@" + domain))
          .scanEnabled(true)
          .enabled(true)
          .actions(
              List.of(S3.Builder.create().bucket(bucket).objectKeyPrefix(INBOUND_PREFIX).build()))
          .build();
    }
  }
}
