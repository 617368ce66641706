package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.config.AccountConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftCheckTest {
  private final AccountConfig config =
      Fakes.account(
          "{\"region\":\"us-east-1\","
              + "\"verified_domains\":[\"example.com\",\"bücher.example\"],"
              + "\"verified_emails\":[\"noreply@example.com\",\"ops@other.example\"]}");

  @Test
  void drift_findsNothing_whenSesHoldsEverythingVerified_andAddressIsCoveredByItsDomain() {
    Map<String, String> ses =
        ses(
            "example.com",
            "Success",
            "xn--bcher-kva.example",
            "Success",
            "ops@other.example",
            "Success");
    assertThat(DriftCheck.check(config, ses)).isEmpty();
  }

  @Test
  void drift_flagsMissingAndUnverifiedExpectations_high() {
    Map<String, String> ses = ses("example.com", "Pending");
    List<Finding> f = DriftCheck.check(config, ses);
    assertThat(f)
        .extracting(Finding::id, Finding::resource)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("drift.missing", "example.com"),
            org.assertj.core.groups.Tuple.tuple("drift.missing", "xn--bcher-kva.example"),
            org.assertj.core.groups.Tuple.tuple(
                "drift.missing", Resources.identity("noreply@example.com")),
            org.assertj.core.groups.Tuple.tuple(
                "drift.missing", Resources.identity("ops@other.example")));
    assertThat(f).allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.HIGH));
    assertThat(f)
        .filteredOn(x -> x.resource().equals("example.com"))
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.evidence())
                    .containsEntry("ses_status", "Pending")
                    .containsEntry("config_path", "accounts.production.verified_domains[0]"));
    assertThat(f)
        .allSatisfy(
            x -> assertThat(x.toString()).doesNotContain("noreply@").doesNotContain("ops@"));
  }

  @Test
  void drift_flagsIdentitiesTheConfigDoesNotList_info_butNotAddressesUnderListedDomains() {
    Map<String, String> ses =
        ses(
            "example.com",
            "Success",
            "xn--bcher-kva.example",
            "Success",
            "ops@other.example",
            "Success",
            "legacy.example",
            "Success",
            "someone@example.com",
            "Success",
            "x@unlisted.example",
            "Pending");
    List<Finding> f = DriftCheck.check(config, ses);
    assertThat(f)
        .extracting(Finding::id, Finding::resource, Finding::severity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "drift.unexpected", "legacy.example", Severity.INFO),
            org.assertj.core.groups.Tuple.tuple(
                "drift.unexpected", Resources.identity("x@unlisted.example"), Severity.INFO));
  }

  @Test
  void drift_countsIdentitiesNotReadThisRunAsPresent() {
    Map<String, String> ses =
        ses("example.com", null, "xn--bcher-kva.example", null, "ops@other.example", null);
    assertThat(DriftCheck.check(config, ses)).isEmpty();
  }

  @Test
  void drift_comparesIdnIdentitiesInAsciiForm_whenSesListsTheUnicodeForm() {
    Map<String, String> ses =
        ses("example.com", "Success", "bücher.example", "Success", "ops@other.example", "Success");
    assertThat(DriftCheck.check(config, ses)).isEmpty();
  }

  private static Map<String, String> ses(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
