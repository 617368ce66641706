package dev.sesops.protection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.events.BatchReport;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtectionHookTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T06:30:00Z"));
  private final FakeScopeControl ses = new FakeScopeControl();
  private final InMemoryActionStore store = new InMemoryActionStore();
  private final Protector protector = new Protector(store, new InMemoryActionTrail(), ses, new RecordingAlerts(), clock);
  private final ProtectionHook hook = new ProtectionHook(FixedConfig.of("""
      {"accounts": {"shop": {"region": "us-east-1", "protection": {"mode": "enforce"}},
                    "quiet": {"region": "us-east-1"}}}"""), () -> protector);

  private static BatchReport report(Map<String, Object> rates) {
    return new BatchReport(Instant.parse("2026-12-03T06:30:00Z"), 10, 0, List.of(),
        Map.of("sending_events", Map.of("batch_id", "abc", EventRates.SUMMARY_KEY, rates)));
  }

  private static List<ScopeRate> breaching(String cs) {
    return List.of(new ScopeRate(Scope.configurationSet(cs), Window.HOUR_1, 300, 36, 0, true));
  }

  @Test
  void afterBatch_protectsEachTouchedAccountWhoseModeIsNotOff() {
    hook.afterBatch(report(Map.of("shop", breaching("marketing"), "quiet", breaching("news"), "unknown", breaching("x"))));
    assertThat(ses.changes).containsExactly("pause configuration-set:marketing");
    assertThat(store.log.values()).singleElement().satisfies(r -> assertThat(r.runId()).startsWith("events-").endsWith("-abc"));
  }

  @Test
  void afterBatch_withoutRates_doesNothing() {
    store.failing = true;
    hook.afterBatch(new BatchReport(Instant.EPOCH, 0, 0, List.of(), Map.of()));
    hook.afterBatch(report(Map.of()));
    assertThat(ses.changes).isEmpty();
  }

  @Test
  void eventRates_passOnlyPausableScopes_bothWindows() {
    dev.sesops.events.Counts h1 = new dev.sesops.events.Counts(300, 260, 36, 1, 2, 0, 0, Map.of());
    dev.sesops.events.Counts h24 = new dev.sesops.events.Counts(900, 800, 40, 1, 3, 0, 0, Map.of());
    assertThat(EventRates.of(new dev.sesops.events.Scope(dev.sesops.events.ScopeKind.CONFIGURATION_SET, "marketing"), h1, h24))
        .containsExactly(new ScopeRate(Scope.configurationSet("marketing"), Window.HOUR_1, 300, 36, 2, true),
            new ScopeRate(Scope.configurationSet("marketing"), Window.HOURS_24, 900, 40, 3, true));
    assertThat(EventRates.of(new dev.sesops.events.Scope(dev.sesops.events.ScopeKind.ACCOUNT, "shop"), h1, h24))
        .extracting(ScopeRate::scope).containsOnly(Scope.account());
    assertThat(EventRates.of(new dev.sesops.events.Scope(dev.sesops.events.ScopeKind.RECIPIENT_DOMAIN, "example.net"), h1, h24)).isEmpty();
    assertThat(EventRates.of(new dev.sesops.events.Scope(dev.sesops.events.ScopeKind.FROM_DOMAIN, "example.com"), h1, h24)).isEmpty();
  }

}
