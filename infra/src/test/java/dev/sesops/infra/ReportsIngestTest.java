package dev.sesops.infra;

import static dev.sesops.infra.TemplateQueries.functionId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The reports function's trigger, retention and (with context reportsReceiptDomain) the SES receipt
 * rules.
 */
class ReportsIngestTest {
  static Template plain;
  static Template receiving;

  @BeforeAll
  static void synthesizeOnce() {
    plain = synth(null);
    receiving = synth("reports.example.com");
  }

  private static Template synth(String receiptDomain) {
    App app = StackFixtures.appWithNag();
    if (receiptDomain != null) {
      app.getNode().setContext("reportsReceiptDomain", receiptDomain);
    }
    SesOpsStack stack =
        new SesOpsStack(
            app,
            "SesOps",
            StackFixtures.PROPS,
            SesOpsSettings.fromContext(k -> null),
            StackFixtures.stubCode(),
            SecretTemplate.BUILT_IN);
    return Template.fromStack(stack);
  }

  @Test
  void reportsFunction_runsTheHandler_withADeadLetterQueue_andTheBucketAndTable() {
    plain.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler", "dev.sesops.wiring.ReportsFunction::handleRequest",
            "DeadLetterConfig", Map.of("TargetArn", Match.anyValue()),
            "Environment",
                Map.of(
                    "Variables",
                    Match.objectLike(
                        Map.of(
                            "SES_OPS_REPORT_BUCKET",
                            Match.anyValue(),
                            "SES_OPS_STATE_TABLE",
                            Match.anyValue())))));
  }

  @Test
  void bucket_sendsObjectCreatedUnderInboundAndReports_toTheReportsAlias() {
    Capture configs = new Capture();
    plain.hasResourceProperties(
        "Custom::S3BucketNotifications",
        Map.of("NotificationConfiguration", Map.of("LambdaFunctionConfigurations", configs)));
    List<?> list = (List<?>) configs.asArray();
    assertThat(list).hasSize(2);
    assertThat(list.toString())
        .contains("s3:ObjectCreated:*")
        .contains("Value=inbound/")
        .contains("Value=reports/")
        .contains("ReportsAlias");
  }

  @Test
  void bucket_expiresRawReports_andKeepsAggregatesLonger() {
    plain.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "LifecycleConfiguration",
            Map.of(
                "Rules",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Id",
                                "ExpireRawInboundMail",
                                "Prefix",
                                "inbound/",
                                "ExpirationInDays",
                                90,
                                "Status",
                                "Enabled")),
                        Match.objectLike(
                            Map.of(
                                "Id",
                                "ExpireRawReportFiles",
                                "Prefix",
                                "reports/",
                                "ExpirationInDays",
                                90)),
                        Match.objectLike(
                            Map.of(
                                "Id",
                                "ExpireDmarcAggregates",
                                "Prefix",
                                "dmarc/",
                                "ExpirationInDays",
                                400)))))));
  }

  @Test
  void withReceiptDomain_theAuditKnowsTheRuaAddress_andWithoutItNoVariable() {
    receiving.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            "dev.sesops.wiring.AuditFunction::handleRequest",
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of("SES_OPS_REPORTS_RECEIPT_DOMAIN", "reports.example.com")))));
    assertThat(plain.toJSON().toString()).doesNotContain("SES_OPS_REPORTS_RECEIPT_DOMAIN");
  }

  @Test
  void withoutReceiptDomain_noReceiptRules() {
    plain.resourceCountIs("AWS::SES::ReceiptRuleSet", 0);
    plain.resourceCountIs("AWS::SES::ReceiptRule", 0);
  }

  @Test
  void withReceiptDomain_storesMailForDmarcAndTlsRptUnderInbound() {
    receiving.resourceCountIs("AWS::SES::ReceiptRuleSet", 1);
    receiving.hasResourceProperties(
        "AWS::SES::ReceiptRule",
        Map.of(
            "Rule",
            Match.objectLike(
                Map.of(
                    "Recipients",
                        List.of("dmarc@reports.example.com", "tls-rpt@reports.example.com"),
                    "Enabled", true,
                    "Actions",
                        List.of(
                            Map.of(
                                "S3Action",
                                Match.objectLike(Map.of("ObjectKeyPrefix", "inbound/"))))))));
    // SES may write only under inbound/, for this account
    receiving.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Action",
                                "s3:PutObject",
                                "Principal",
                                Map.of("Service", "ses.amazonaws.com"))))))));
    assertThat(functionId(receiving, "dev.sesops.wiring.ReportsFunction")).isNotBlank();
  }
}
