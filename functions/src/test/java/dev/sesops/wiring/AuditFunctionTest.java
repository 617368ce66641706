package dev.sesops.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.reports.AuditDmarcReports;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditFunctionTest {
  private final Clock clock = Clock.systemUTC();

  @Test
  void dmarcReports_noneWithoutAStateTableOrReportBucket() {
    assertThat(
            AuditFunction.dmarcReports(
                Settings.fromEnv(Map.of("SES_OPS_REPORT_BUCKET", "b")), null, clock))
        .isNull();
    assertThat(
            AuditFunction.dmarcReports(
                Settings.fromEnv(Map.of("SES_OPS_STATE_TABLE", "t")), null, clock))
        .isNull();
  }

  @Test
  void dmarcReports_readThroughTheReportsModel_whenTheStackStoresReports() {
    try (AccountClients clients = new AccountClients("us-east-1")) {
      assertThat(
              AuditFunction.dmarcReports(
                  Settings.fromEnv(
                      Map.of(
                          "SES_OPS_STATE_TABLE", "t",
                          "SES_OPS_REPORT_BUCKET", "b",
                          "SES_OPS_CONFIG_FILE", "/nonexistent/ses-ops.json")),
                  clients,
                  clock))
          .isInstanceOf(AuditDmarcReports.class);
    }
  }
}
