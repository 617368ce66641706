package dev.sesops.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.config.CleanupPolicy;
import dev.sesops.ses.SuppressedEntry;
import dev.sesops.suppression.CleanupRules.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanupRulesTest {
  private static final Instant NOW = Fixture.NOW;

  private static CleanupRules rules(
      Map<String, Integer> ages, List<String> keep, List<String> always) {
    return new CleanupRules(new CleanupPolicy(ages, keep, always, 10_000, false, 50), NOW);
  }

  @Test
  void agePerReason_entryMustBeStrictlyOlderThanItsReasonsCutoff() {
    CleanupRules r = rules(Map.of("BOUNCE", 90, "COMPLAINT", 365), List.of(), List.of());
    assertThat(r.decide(SuppressedEntry.of("a@example.com", "BOUNCE", Fixture.daysAgo(91))))
        .isEqualTo(Decision.REMOVE);
    assertThat(r.decide(SuppressedEntry.of("a@example.com", "BOUNCE", Fixture.daysAgo(90))))
        .isEqualTo(Decision.NOT_ELIGIBLE);
    assertThat(r.decide(SuppressedEntry.of("a@example.com", "COMPLAINT", Fixture.daysAgo(200))))
        .isEqualTo(Decision.NOT_ELIGIBLE);
    assertThat(r.decide(SuppressedEntry.of("a@example.com", "COMPLAINT", Fixture.daysAgo(366))))
        .isEqualTo(Decision.REMOVE);
    assertThat(
            r.decide(SuppressedEntry.of("a@example.com", "SOMETHING_NEW", Fixture.daysAgo(9999))))
        .isEqualTo(Decision.NOT_ELIGIBLE);
  }

  @Test
  void keepPatterns_protectAddressesAnyCase_andDomainsWithTheirSubdomains_evenFromAlwaysRemove() {
    CleanupRules r =
        rules(
            Map.of("BOUNCE", 90),
            List.of("ceo@yourdomain.com", "@bigcustomer.com", "@test.yourdomain.com"),
            List.of("@yourdomain.com"));
    assertThat(r.decide(SuppressedEntry.of("CEO@YOURDOMAIN.COM", "BOUNCE", Fixture.daysAgo(500))))
        .isEqualTo(Decision.KEEP);
    assertThat(
            r.decide(SuppressedEntry.of("x@mail.bigcustomer.com", "BOUNCE", Fixture.daysAgo(500))))
        .isEqualTo(Decision.KEEP);
    assertThat(r.decide(SuppressedEntry.of("x@notbigcustomer.com", "BOUNCE", Fixture.daysAgo(500))))
        .isEqualTo(Decision.REMOVE);
    assertThat(r.decide(SuppressedEntry.of("qa@test.yourdomain.com", "BOUNCE", Fixture.daysAgo(1))))
        .isEqualTo(Decision.KEEP);
    assertThat(r.decide(SuppressedEntry.of("x@bigcustomer.com", "BOUNCE", Fixture.daysAgo(5))))
        .as("not eligible: no keep needed")
        .isEqualTo(Decision.NOT_ELIGIBLE);
  }

  @Test
  void alwaysRemove_takesAnyReasonAtAnyAge_andMatchesInternationalDomainsInAsciiForm() {
    CleanupRules r = rules(Map.of(), List.of(), List.of("@xn--bcher-kva.example"));
    assertThat(r.decide(SuppressedEntry.of("qa@bücher.example", "COMPLAINT", NOW)))
        .isEqualTo(Decision.REMOVE);
    assertThat(r.decide(SuppressedEntry.of("qa@BÜCHER.example", "BOUNCE", NOW)))
        .isEqualTo(Decision.REMOVE);
    assertThat(r.decide(SuppressedEntry.of("qa@other.example", "BOUNCE", Fixture.daysAgo(9999))))
        .isEqualTo(Decision.NOT_ELIGIBLE);
  }

  @Test
  void listFilter_isNarrowedByReasonAndCutoff_unlessAlwaysRemoveNeedsEverything() {
    ListFilter narrow =
        rules(Map.of("BOUNCE", 90, "COMPLAINT", 30), List.of(), List.of()).listFilter(1000);
    assertThat(narrow.reasons()).containsExactlyInAnyOrder("BOUNCE", "COMPLAINT");
    assertThat(narrow.endDate()).isEqualTo(Fixture.daysAgo(30));
    ListFilter wide =
        rules(Map.of("BOUNCE", 90), List.of(), List.of("@test.example.com")).listFilter(1000);
    assertThat(wide.endDate()).isNull();
    assertThat(rules(Map.of(), List.of(), List.of()).listFilter(1000)).isNull();
  }
}
