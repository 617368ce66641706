package dev.sesops.signals;

import static dev.sesops.signals.SignalsFixture.production;
import static dev.sesops.signals.SignalsFixture.signal;
import static dev.sesops.signals.SignalsFixture.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.core.Level;
import dev.sesops.monitor.MonitorReport;
import dev.sesops.testing.SesSignalsStub;
import dev.sesops.testing.SesSignalsStub.Tenant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor's findings, tenants and mailbox-provider checks over HTTP, alerts through SNS to SQS.
 */
class SignalsIT {
  private static final String DMARC_ARN = "arn:aws:ses:us-east-1:111122223333:identity/example.com";
  private static final String BIMI_ARN =
      "arn:aws:ses:us-east-1:111122223333:identity/news.example.com";

  private SignalsFixture fx;

  @BeforeEach
  void setUp() {
    fx = new SignalsFixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @Test
  void findingsAndPausedTenants_alertOncePerItem_notAgain_andRecoveriesAreTold() {
    // given: a HIGH and a LOW open finding, one tenant paused by AWS among healthy ones
    fx.ses.finding(DMARC_ARN, "DMARC", "HIGH", "OPEN", "DMARC is not configured for example.com.");
    fx.ses.finding(BIMI_ARN, "BIMI", "LOW", "OPEN", "BIMI is not configured for news.example.com.");
    fx.ses.finding(DMARC_ARN, "SPF", "LOW", "FIXED", "SPF was fixed.");
    fx.ses.healthyTenant("acme");
    fx.ses.tenant(
        new Tenant(
            "globex",
            "DISABLED",
            "ENABLED",
            null,
            "DISABLED",
            "Bounce rate above 10%",
            "arn:aws:ses:::reputation-policy/standard"));
    fx.ses.healthyTenant("initech");

    // when
    MonitorReport first = fx.monitor();

    // then: one alert per HIGH/LOW open finding and per paused tenant; the account's own checks are
    // healthy
    assertThat(signal(first, "ses_findings").level()).isEqualTo(Level.CRITICAL);
    assertThat(signal(first, "ses_findings").display()).isEqualTo("1 HIGH, 1 LOW open");
    assertThat(signal(first, "tenant_status").level()).isEqualTo(Level.CRITICAL);
    assertThat(signal(first, "tenant_status").display()).isEqualTo("3 tenants, 1 paused");
    assertThat(production(first).level()).isEqualTo(Level.CRITICAL);
    List<JsonNode> alerts = fx.alerts();
    assertThat(subjects(alerts))
        .containsExactly(
            "[CRITICAL] production: HIGH DMARC finding on example.com",
            "[CRITICAL] production: tenant globex paused by AWS: Bounce rate above 10%",
            "[WARNING] production: LOW BIMI finding on news.example.com");
    JsonNode tenantAlert =
        alerts.stream()
            .filter(a -> a.path("Subject").asText().contains("globex"))
            .findFirst()
            .orElseThrow();
    assertThat(tenantAlert.path("MessageAttributes").path("scope").path("Value").asText())
        .isEqualTo("tenant:globex");
    assertThat(tenantAlert.path("MessageAttributes").path("check").path("Value").asText())
        .isEqualTo("tenant_status");
    assertThat(tenantAlert.path("Message").asText())
        .contains("AWS-managed:        DISABLED (Bounce rate above 10%")
        .contains("Policy:             standard")
        .doesNotContain("production-secret-key");
    JsonNode dmarc =
        alerts.stream()
            .filter(a -> a.path("Subject").asText().contains("DMARC"))
            .findFirst()
            .orElseThrow();
    assertThat(dmarc.path("Message").asText())
        .contains("DMARC is not configured for example.com.")
        .contains("_dmarc.DOMAIN");
    assertThat(dmarc.path("MessageAttributes").has("scope")).isFalse();

    // a second run: nothing repeated
    MonitorReport second = fx.monitor();
    assertThat(second.summary().get("alerts_sent")).isZero();
    assertThat(fx.alerts()).isEmpty();

    // DMARC fixed, the BIMI finding gone from the list, globex reinstated: three recoveries, then
    // quiet
    fx.ses.clearFindings();
    fx.ses.finding(DMARC_ARN, "DMARC", "HIGH", "FIXED", "DMARC is configured.");
    fx.ses.tenant(
        new Tenant(
            "globex",
            "REINSTATED",
            "REINSTATED",
            "Fixed the list",
            "ENABLED",
            null,
            "arn:aws:ses:::reputation-policy/standard"));
    MonitorReport third = fx.monitor();
    assertThat(signal(third, "ses_findings").level()).isEqualTo(Level.OK);
    assertThat(subjects(fx.alerts()))
        .containsExactly(
            "[OK] production: BIMI finding on news.example.com resolved",
            "[OK] production: DMARC finding on example.com resolved",
            "[OK] production: tenant globex reinstated (REINSTATED)");
    assertThat(fx.monitor().summary().get("alerts_sent")).isZero();
    assertThat(fx.alerts()).isEmpty();
  }

  @Test
  void vdmOff_findingsUnknownWithTheReason_noRecommendationCall_noAlert() {
    fx.ses.vdm(false);
    MonitorReport r = fx.monitor();
    assertThat(signal(r, "ses_findings").level()).isEqualTo(Level.UNKNOWN);
    assertThat(signal(r, "ses_findings").message())
        .isEqualTo("VDM is off: AWS findings are not available.");
    assertThat(production(r).level())
        .isEqualTo(Level.OK); // not available is not a doubt about the account
    assertThat(production(r).signals()).noneMatch(s -> s.check().equals("mailbox_providers"));
    assertThat(production(r).signals())
        .noneMatch(s -> s.check().equals("tenant_status")); // no tenants
    assertThat(fx.ses.calls(SesSignalsStub.RECOMMENDATIONS)).isZero();
    assertThat(fx.alerts()).isEmpty();
  }

  @Test
  void findingsArePagedAtMost100_andAFailedSourceIsReportedWithoutHidingTheOthers() {
    for (int i = 0; i < 250; i++) {
      fx.ses.finding(
          "arn:aws:ses:us-east-1:111122223333:identity/d" + i + ".example.com",
          "BIMI",
          "LOW",
          "FIXED",
          "fixed");
    }
    fx.ses.fault(SesSignalsStub.TENANTS, 5, 403);
    MonitorReport r = fx.monitor();
    assertThat(fx.ses.calls(SesSignalsStub.RECOMMENDATIONS)).isEqualTo(3);
    assertThat(fx.ses.pageSizes()).allMatch(s -> s <= 100);
    assertThat(signal(r, "ses_findings").level()).isEqualTo(Level.OK);
    assertThat(signal(r, "tenant_status").level()).isEqualTo(Level.UNKNOWN);
    assertThat(signal(r, "monitoring").level()).isEqualTo(Level.WARNING);
    assertThat(signal(r, "monitoring").display()).contains("sesv2:ListTenants (ACCESS_DENIED)");
    assertThat(signal(r, "enforcement_status").level()).isEqualTo(Level.OK);
  }

  @Test
  void mailboxProviders_complaintAtOrAbove03PercentIsCritical_perProvider() {
    fx.ses.metric("Gmail", "SEND", 20_000);
    fx.ses.metric("Gmail", "DELIVERY", 19_800);
    fx.ses.metric("Gmail", "COMPLAINT", 70); // 0.35%
    fx.ses.metric("Yahoo", "SEND", 5_000);
    fx.ses.metric("Yahoo", "DELIVERY", 5_000);
    fx.ses.metric("Yahoo", "COMPLAINT", 6); // 0.12%
    fx.ses.metric("Hotmail", "SEND", 50);
    fx.ses.metric("Hotmail", "DELIVERY", 50); // below the floor of 100
    MonitorReport r = fx.monitor();
    var s = signal(r, "mailbox_providers");
    assertThat(s.level()).isEqualTo(Level.CRITICAL);
    assertThat(s.display()).isEqualTo("complaints Gmail 0.35%, Yahoo 0.12%");
    assertThat(fx.ses.calls(SesSignalsStub.METRICS)).isEqualTo(2); // 12 queries, at most 10 a call
    assertThat(subjects(fx.alerts()))
        .singleElement()
        .asString()
        .startsWith("[CRITICAL] production: mailbox_providers complaints Gmail 0.35%");
  }
}
