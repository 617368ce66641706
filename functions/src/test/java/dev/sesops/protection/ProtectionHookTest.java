package dev.sesops.protection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import dev.sesops.core.Window;
import dev.sesops.events.Counts;
import dev.sesops.events.RatesListener.ScopeWindows;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectionHookTest {
  private static final Instant NOW = Instant.parse("2026-12-03T06:30:00Z");
  private final MutableClock clock = new MutableClock(NOW);
  private final FakeScopeControl ses = new FakeScopeControl();
  private final InMemoryActionStore store = new InMemoryActionStore();
  private final Protector protector =
      new Protector(store, new InMemoryActionTrail(), ses, new RecordingAlerts(), clock);
  private final ProtectionHook hook =
      new ProtectionHook(
          () ->
              FixedConfig.of(
                  """
      {"accounts": {"shop": {"region": "us-east-1", "protection": {"mode": "enforce"}},
                    "quiet": {"region": "us-east-1"}}}"""),
          () -> protector);

  private static List<ScopeWindows> breaching(String cs) {
    Counts bad = new Counts(300, 250, 36, 0, 0, 0, 0);
    return List.of(new ScopeWindows(new Scope(ScopeKind.CONFIGURATION_SET, cs), bad, bad));
  }

  @Test
  void onRates_protectsAnAccountWhoseModeIsNotOff_andNoOther() {
    hook.onRates("shop", breaching("marketing"), "events-1", NOW);
    hook.onRates("quiet", breaching("news"), "events-2", NOW);
    hook.onRates("unknown", breaching("x"), "events-3", NOW);

    assertThat(ses.changes).containsExactly("pause configuration-set:marketing");
    assertThat(store.log.values())
        .singleElement()
        .satisfies(r -> assertThat(r.runId()).isEqualTo("events-1"));
  }

  @Test
  void onRates_withoutPausableScopes_doesNothing() {
    store.failing = true;
    Counts c = new Counts(300, 250, 36, 0, 0, 0, 0);
    hook.onRates("shop", List.of(), "events-1", NOW);
    hook.onRates(
        "shop",
        List.of(new ScopeWindows(new Scope(ScopeKind.RECIPIENT_DOMAIN, "example.net"), c, c)),
        "events-2",
        NOW);
    assertThat(ses.changes).isEmpty();
  }

  @Test
  void eventRates_passOnlyPausableScopes_bothWindows_andDistrustAScopeWithoutVolume() {
    Counts h1 = new Counts(300, 260, 36, 1, 2, 0, 0);
    Counts h24 = new Counts(900, 800, 40, 1, 3, 0, 0);
    assertThat(
            ProtectionHook.rates(
                new ScopeWindows(new Scope(ScopeKind.CONFIGURATION_SET, "marketing"), h1, h24)))
        .containsExactly(
            new ScopeRate(Scope.configurationSet("marketing"), Window.H1, 300, 36, 2, true),
            new ScopeRate(Scope.configurationSet("marketing"), Window.H24, 900, 40, 3, true));
    assertThat(
            ProtectionHook.rates(new ScopeWindows(new Scope(ScopeKind.ACCOUNT, "shop"), h1, h24)))
        .extracting(ScopeRate::scope)
        .containsOnly(Scope.account());
    assertThat(
            ProtectionHook.rates(
                new ScopeWindows(new Scope(ScopeKind.RECIPIENT_DOMAIN, "example.net"), h1, h24)))
        .isEmpty();
    // a tenant with bounces but no tagged sends: nothing to divide by, never acted on
    Counts bouncesOnly = new Counts(0, 0, 30, 0, 0, 0, 0);
    assertThat(
            ProtectionHook.rates(
                new ScopeWindows(new Scope(ScopeKind.TENANT, "globex"), bouncesOnly, bouncesOnly)))
        .allSatisfy(r -> assertThat(r.trusted()).isFalse());
  }
}
