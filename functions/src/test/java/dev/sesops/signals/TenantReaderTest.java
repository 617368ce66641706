package dev.sesops.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.common.Deadline;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigParser;
import dev.sesops.ses.ReputationRecord;
import dev.sesops.ses.TenantSummary;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class TenantReaderTest {
  private static final AccountConfig ACCOUNT =
      ConfigParser.parse("{\"accounts\": {\"p\": {\"region\": \"us-east-1\"}}}").account("p");
  private final InMemorySignalSource ses = new InMemorySignalSource();

  private void tenants(int n, int paused) {
    for (int i = 0; i < n; i++) {
      String arn = "arn:aws:ses:us-east-1:111122223333:tenant/t" + i + "/id" + i;
      String status = i < paused ? "DISABLED" : "ENABLED";
      ses.tenants.put("t" + i, new TenantSummary("t" + i, "id" + i, arn, status, null));
      ses.entities.put(
          arn,
          new ReputationRecord(
              arn,
              "RESOURCE",
              "arn:aws:ses:::reputation-policy/standard",
              new ReputationRecord.EntityStatus("ENABLED", null, null),
              new ReputationRecord.EntityStatus(status, i < paused ? "bounces" : null, null),
              status,
              null));
    }
  }

  @Test
  void scan_ofAThousandTenants_readsDetailsOnlyForThePausedOnes() {
    tenants(1000, 3);
    TenantReader.Reading r = new TenantReader(ses).scan(ACCOUNT, Deadline.none(Clock.systemUTC()));
    assertThat(r.complete()).isTrue();
    assertThat(r.tenants()).hasSize(1000);
    assertThat(ses.calls)
        .isEqualTo(11); // 10 ListTenants pages + 1 ListReputationEntities page (DISABLED)
    assertThat(r.tenants().stream().filter(TenantStatus::paused).map(TenantStatus::cause))
        .containsOnly("bounces");
    assertThat(r.tenants().get(500).reputation()).isNull(); // healthy: not read in detail
  }

  @Test
  void scan_ofHealthyTenants_costsOnePagePer100() {
    tenants(250, 0);
    new TenantReader(ses).scan(ACCOUNT, Deadline.none(Clock.systemUTC()));
    assertThat(ses.calls).isEqualTo(3);
  }

  @Test
  void all_joinsEveryTenantWithItsReputation_twoCallsPer100() {
    tenants(150, 1);
    TenantReader.Reading r = new TenantReader(ses).all(ACCOUNT, Deadline.none(Clock.systemUTC()));
    assertThat(ses.calls).isEqualTo(4);
    assertThat(r.tenants()).allSatisfy(t -> assertThat(t.reputation()).isNotNull());
    assertThat(r.tenants().get(0).pausedBy()).isEqualTo("AWS");
  }
}
