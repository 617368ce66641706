package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.common.Deadline;
import dev.sesops.testing.ScaleAccount;
import dev.sesops.wiring.AuditFunction;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An account with 1,000 identities: the real SDK clients against WireMock, which counts every SES
 * request. Identities are read in two ListIdentities pages and batches of 100 for each attribute
 * call.
 */
class AuditScaleIT {
  private static ScaleAccount account;

  @BeforeAll
  static void setUp() {
    account = ScaleAccount.start(ScaleAccount.identities(1000, 0), 500, Map.of());
  }

  @AfterAll
  static void tearDown() {
    if (account != null) {
      account.close();
    }
  }

  @Test
  void audit_ofAThousandIdentities_makesAtMostFiftySesCalls() {
    AuditReport r =
        AuditFunction.auditor(account.settings(), Clock.systemUTC())
            .audit(List.of(account.name()), false, Deadline.none(Clock.systemUTC()), "scale");

    AccountAudit a = r.accounts().get(0);
    assertThat(a.identities()).containsEntry("email_addresses", 1000);
    assertThat(a.complete()).isTrue();
    int served = account.calls().size();
    // GetAccount + ListConfigurationSets + 2 ListIdentities pages + 10 batches x 4 attribute calls
    // + GetDedicatedIps + ListDedicatedIpPools + GetSendStatistics + ListContactLists
    assertThat(served).isEqualTo(48).isLessThanOrEqualTo(50);
    assertThat(a.sesCalls()).isEqualTo(served);
    int largestBatch =
        account.calls().stream()
            .map(e -> e.getRequest().getBodyAsString())
            .filter(b -> b.contains("Action=GetIdentity"))
            .mapToInt(b -> b.split("Identities.member.").length - 1)
            .max()
            .orElse(0);
    assertThat(largestBatch).isEqualTo(100);
    assertThat(r.reportKeys()).hasSize(1);
  }
}
