package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityChecksTest {
  private static final IdentityChecks.ConfigSetFeedback NO_SETS =
      new IdentityChecks.ConfigSetFeedback(false, false);

  @Test
  void check_findsNothing_forAHealthyDomain() {
    assertThat(IdentityChecks.check("p", Fakes.domain("example.com"), Set.of(), NO_SETS)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"Pending,MEDIUM", "NotStarted,MEDIUM", "Failed,HIGH", "TemporaryFailure,HIGH"})
  void check_flagsUnverifiedIdentity_withSeverityByStatus(String status, Severity severity) {
    IdentityAttributes a = withVerification(Fakes.domain("example.com"), status);
    assertThat(ids(a)).containsExactly("identity.not_verified");
    assertThat(IdentityChecks.check("p", a, Set.of(), NO_SETS).get(0).severity())
        .isEqualTo(severity);
  }

  @Test
  void check_flagsDkimDisabled_high_forDomain() {
    IdentityAttributes a =
        new IdentityAttributes(
            "example.com",
            "Success",
            "t",
            false,
            "NotStarted",
            List.of(),
            "mail.example.com",
            "Success",
            "b",
            "c",
            false);
    List<Finding> f = IdentityChecks.check("p", a, Set.of(), NO_SETS);
    assertThat(f).extracting(Finding::id).containsExactly("identity.dkim_disabled");
    assertThat(f.get(0).severity()).isEqualTo(Severity.HIGH);
  }

  @ParameterizedTest
  @CsvSource({"Pending,MEDIUM", "Failed,HIGH", "TemporaryFailure,HIGH"})
  void check_flagsDkimNotVerified_bySeverity(String status, Severity severity) {
    IdentityAttributes d = Fakes.domain("example.com");
    IdentityAttributes a =
        new IdentityAttributes(
            d.identity(),
            "Success",
            "t",
            true,
            status,
            d.dkimTokens(),
            d.mailFromDomain(),
            "Success",
            "b",
            "c",
            false);
    List<Finding> f = IdentityChecks.check("p", a, Set.of(), NO_SETS);
    assertThat(f).extracting(Finding::id).containsExactly("identity.dkim_not_verified");
    assertThat(f.get(0).severity()).isEqualTo(severity);
    assertThat(f.get(0).message()).isEqualTo("DKIM not verified for example.com (" + status + ")");
  }

  @Test
  void check_letsAnAddressBeSignedThroughItsDkimVerifiedDomain() {
    IdentityAttributes e = Fakes.email("noreply@example.com");
    assertThat(IdentityChecks.check("p", e, Set.of("example.com"), NO_SETS)).isEmpty();
    List<Finding> f = IdentityChecks.check("p", e, Set.of("other.com"), NO_SETS);
    assertThat(f).extracting(Finding::id).containsExactly("identity.dkim_disabled");
    assertThat(f.get(0).severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void check_masksEmailIdentities_inResourceAndMessage() {
    List<Finding> f =
        IdentityChecks.check("p", Fakes.email("jane.doe@example.com"), Set.of(), NO_SETS);
    assertThat(f)
        .isNotEmpty()
        .allSatisfy(
            x -> {
              assertThat(x.resource())
                  .startsWith("j***@example.com#")
                  .hasSize("j***@example.com#".length() + 6);
              assertThat(x.toString()).doesNotContain("jane.doe");
            });
  }

  @Test
  void check_flagsDefaultMailFrom_lowForDomains_notForAddresses() {
    IdentityAttributes d = Fakes.domain("example.com");
    IdentityAttributes a =
        new IdentityAttributes(
            d.identity(),
            "Success",
            "t",
            true,
            "Success",
            d.dkimTokens(),
            null,
            null,
            "b",
            "c",
            false);
    List<Finding> f = IdentityChecks.check("p", a, Set.of(), NO_SETS);
    assertThat(f)
        .extracting(Finding::id, Finding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("identity.mail_from_default", Severity.LOW));
    assertThat(
            IdentityChecks.check("p", Fakes.email("a@example.com"), Set.of("example.com"), NO_SETS))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "Failed,identity.mail_from_failed,HIGH",
    "TemporaryFailure,identity.mail_from_failed,HIGH",
    "Pending,identity.mail_from_pending,LOW"
  })
  void check_flagsMailFromStatus(String status, String id, Severity severity) {
    IdentityAttributes d = Fakes.domain("example.com");
    IdentityAttributes a =
        new IdentityAttributes(
            d.identity(),
            "Success",
            "t",
            true,
            "Success",
            d.dkimTokens(),
            "mail.example.com",
            status,
            "b",
            "c",
            false);
    assertThat(IdentityChecks.check("p", a, Set.of(), NO_SETS))
        .extracting(Finding::id, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(id, severity));
  }

  @Test
  void check_flagsMissingFeedbackPath_onlyWhenNoTopicNoForwardingAndNoConfigSetDestination() {
    IdentityAttributes d = Fakes.domain("example.com");
    IdentityAttributes none =
        new IdentityAttributes(
            d.identity(),
            "Success",
            "t",
            true,
            "Success",
            d.dkimTokens(),
            d.mailFromDomain(),
            "Success",
            null,
            null,
            false);
    List<Finding> f = IdentityChecks.check("p", none, Set.of(), NO_SETS);
    assertThat(f).extracting(Finding::id).containsExactly("identity.no_feedback_path");
    assertThat(f.get(0).message()).contains("bounces and complaints");
    assertThat(f.get(0).severity()).isEqualTo(Severity.HIGH);

    IdentityAttributes forwarding =
        new IdentityAttributes(
            d.identity(),
            "Success",
            "t",
            true,
            "Success",
            d.dkimTokens(),
            d.mailFromDomain(),
            "Success",
            null,
            null,
            true);
    assertThat(IdentityChecks.check("p", forwarding, Set.of(), NO_SETS)).isEmpty();
    assertThat(
            IdentityChecks.check(
                "p", none, Set.of(), new IdentityChecks.ConfigSetFeedback(true, true)))
        .isEmpty();

    IdentityAttributes bounceOnly =
        new IdentityAttributes(
            d.identity(),
            "Success",
            "t",
            true,
            "Success",
            d.dkimTokens(),
            d.mailFromDomain(),
            "Success",
            "arn:b",
            null,
            false);
    assertThat(IdentityChecks.check("p", bounceOnly, Set.of(), NO_SETS))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).startsWith("No feedback path for complaints"));
  }

  @Test
  void check_reportsOddIdentityNames_withoutEchoingThem() {
    IdentityAttributes odd =
        new IdentityAttributes(
            "not a domain!",
            "Success",
            null,
            true,
            "Success",
            List.of(),
            null,
            null,
            "b",
            "c",
            false);
    List<Finding> f = IdentityChecks.check("p", odd, Set.of(), NO_SETS);
    assertThat(f).extracting(Finding::id).contains("identity.invalid_name");
    assertThat(f)
        .allSatisfy(
            x ->
                assertThat(x.resource())
                    .startsWith("invalid-identity#")
                    .doesNotContain("not a domain"));
  }

  @Test
  void check_namesAnIdnDomainInItsAsciiForm() {
    IdentityAttributes d = Fakes.domain("bücher.example");
    IdentityAttributes a =
        new IdentityAttributes(
            d.identity(),
            "Pending",
            "t",
            true,
            "Success",
            d.dkimTokens(),
            d.mailFromDomain(),
            "Success",
            "b",
            "c",
            false);
    assertThat(IdentityChecks.check("p", a, Set.of(), NO_SETS))
        .singleElement()
        .satisfies(x -> assertThat(x.resource()).isEqualTo("xn--bcher-kva.example"));
  }

  private static List<String> ids(IdentityAttributes a) {
    return IdentityChecks.check("p", a, Set.of(), NO_SETS).stream().map(Finding::id).toList();
  }

  private static IdentityAttributes withVerification(IdentityAttributes d, String verification) {
    return new IdentityAttributes(
        d.identity(),
        verification,
        d.verificationToken(),
        d.dkimEnabled(),
        d.dkimStatus(),
        d.dkimTokens(),
        d.mailFromDomain(),
        d.mailFromStatus(),
        d.bounceTopic(),
        d.complaintTopic(),
        d.forwardingEnabled());
  }
}
