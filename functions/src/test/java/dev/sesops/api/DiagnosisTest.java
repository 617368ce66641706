package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.Quota;
import dev.sesops.ses.SesGateway;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnosisTest {
  private static final AccountStatus HEALTHY_PRODUCTION = new AccountStatus("HEALTHY", true, true);
  private static final Quota ROOM = new Quota(1000, 10, 5);
  private static final MxLookup.Result MX = new MxLookup.Result("FOUND", List.of("mx.example.com"));

  @Test
  void nothingWrong_givesTheOneAllClearAdvice_andNoSandboxVerdict() {
    Diagnosis d =
        Diagnosis.of(
            new Diagnosis.Facts(
                "production",
                "a@example.com",
                null,
                Optional.empty(),
                MX,
                HEALTHY_PRODUCTION,
                "OK",
                ROOM,
                Map.of()));

    assertThat(d.advice())
        .singleElement()
        .asString()
        .startsWith("nothing on the SES side stops mail");
    assertThat(d.recipientVerifiedForSandbox()).isNull();
    assertThat(d.coveringIdentity()).isNull();
  }

  @Test
  void sandboxAccount_withUnverifiedRecipient_andUncoveredSender_adviseBoth_inOrder() {
    var sandbox = new AccountStatus("HEALTHY", true, false);
    Diagnosis d =
        Diagnosis.of(
            new Diagnosis.Facts(
                "staging",
                "a@example.com",
                "me@sender.example",
                Optional.empty(),
                new MxLookup.Result("NONE", List.of()),
                sandbox,
                "OK",
                ROOM,
                Map.of()));

    assertThat(d.advice()).hasSize(3);
    assertThat(d.advice().get(0)).contains("no MX records");
    assertThat(d.advice().get(1)).contains("no verified identity covers the sender");
    assertThat(d.advice().get(2)).contains("sandbox");
    assertThat(d.recipientVerifiedForSandbox()).isFalse();
  }

  @Test
  void senderCoveredByItsDomain_namesTheDomain_andSimulatorCountsAsVerifiedInTheSandbox() {
    var sandbox = new AccountStatus("HEALTHY", true, false);
    Map<String, SesGateway.Verification> v =
        Map.of("sender.example", new SesGateway.Verification("Success", null));
    Diagnosis d =
        Diagnosis.of(
            new Diagnosis.Facts(
                "staging",
                "success@simulator.amazonses.com",
                "me@sender.example",
                Optional.empty(),
                MX,
                sandbox,
                "OK",
                ROOM,
                v));

    assertThat(d.coveringIdentity()).isEqualTo("sender.example");
    assertThat(d.recipientVerifiedForSandbox()).isTrue();
    assertThat(
            Diagnosis.identitiesToCheck(
                "success@simulator.amazonses.com", "me@sender.example", true))
        .containsExactly(
            "me@sender.example",
            "sender.example",
            "success@simulator.amazonses.com",
            "simulator.amazonses.com");
  }
}
