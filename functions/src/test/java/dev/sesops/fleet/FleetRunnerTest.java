package dev.sesops.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Json;
import dev.sesops.config.FleetItems;
import dev.sesops.core.Alert;
import dev.sesops.core.FleetItem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FleetRunnerTest {

  private static ItemList items(int n) {
    List<FleetItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new FleetItem("a" + i, "us-east-1", null, FleetItem.CONFIG));
    }
    return new ItemList(
        items, List.of(new SkippedAccount("444455556666", "old", "SUSPENDED")), null);
  }

  /** A monitor output for the accounts of an event, every one OK. */
  private static JsonNode ok(JsonNode event) {
    ObjectNode out = Json.object();
    var accounts = out.putArray("accounts");
    for (FleetItem i : FleetItems.parse(event)) {
      accounts.addObject().put("account", i.account()).put("level", "OK");
    }
    return out;
  }

  @Test
  void aFailingItem_isReportedOnce_andTheOthersStillRun_withinTheConcurrency() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    FleetRunner runner =
        new FleetRunner(
            FleetJob.AUDIT,
            event -> {
              peak.accumulateAndGet(running.incrementAndGet(), Math::max);
              try {
                Thread.sleep(5);
                if (FleetItems.parse(event).get(0).account().equals("a7")) {
                  throw new IllegalStateException("the audit of a7 broke");
                }
                ObjectNode out = Json.object();
                out.putArray("accounts")
                    .addObject()
                    .put("account", FleetItems.parse(event).get(0).account())
                    .putObject("counts")
                    .put("HIGH", 1);
                out.putArray("failures");
                return out;
              } finally {
                running.decrementAndGet();
              }
            },
            4,
            10,
            Clock.systemUTC());

    FleetSummary s = runner.run("r1", items(30));

    assertThat(s.accounts()).hasSize(30);
    assertThat(s.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.account()).isEqualTo("a7");
              assertThat(f.error()).isEqualTo("IllegalStateException: the audit of a7 broke");
            });
    assertThat(s.levels()).containsEntry("HIGH", 29).containsEntry("FAILED", 1);
    assertThat(s.skipped()).extracting(SkippedAccount::status).containsExactly("SUSPENDED");
    assertThat(peak.get()).isBetween(2, 4);
  }

  @Test
  void theMonitor_runsInBatches_andAccountsMissingFromAnOutputAreNotReached() {
    List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    FleetRunner runner =
        new FleetRunner(
            FleetJob.MONITOR,
            event -> {
              batchSizes.add(event.path("Items").size());
              assertThat(event.path("BatchInput").path("job").asText()).isEqualTo("monitor");
              ObjectNode out = (ObjectNode) ok(event);
              // the deadline stopped the batch before its last account
              ((com.fasterxml.jackson.databind.node.ArrayNode) out.path("accounts"))
                  .remove(out.path("accounts").size() - 1);
              return out;
            },
            3,
            4,
            Clock.systemUTC());

    FleetSummary s = runner.run("r2", items(10));

    assertThat(batchSizes).containsExactlyInAnyOrder(4, 4, 2);
    assertThat(s.notReached()).containsExactlyInAnyOrder("a3", "a7", "a9");
    assertThat(s.accountsChecked()).isEqualTo(7);
    assertThat(s.accounts()).hasSize(10);
  }

  @Test
  void oneAlert_whenAnythingFailed_noneWhenAllWasChecked() {
    List<Alert> sent = new ArrayList<>();
    FleetSummary clean =
        new FleetRunner(FleetJob.MONITOR, FleetRunnerTest::ok, 2, 5, Clock.systemUTC())
            .run("r3", items(6));
    assertThat(
            Aggregator.alert(
                clean,
                a -> {
                  sent.add(a);
                  return "id";
                }))
        .isNull();
    assertThat(sent).isEmpty();

    FleetSummary broken =
        new FleetRunner(
                FleetJob.MONITOR,
                e -> {
                  throw new java.io.IOException("Lambda.ServiceException");
                },
                2,
                5,
                Clock.systemUTC())
            .run("r4", items(6));
    Aggregator.alert(
        broken,
        a -> {
          sent.add(a);
          return "id";
        });
    assertThat(sent)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.severity()).isEqualTo("CRITICAL");
              assertThat(a.check()).isEqualTo("fleet");
              assertThat(a.subject())
                  .isEqualTo("[CRITICAL] ses-ops fleet monitor: 6 failed, 0 not reached");
              assertThat(a.body())
                  .contains("failed: a5 (us-east-1): IOException: Lambda.ServiceException");
            });
  }

  @Test
  void aDiscoveryFailure_isAFailureOfTheRun() {
    ItemList list =
        new ItemList(items(2).items(), List.of(), "ListAccounts: AccessDeniedException (HTTP 400)");
    FleetSummary s =
        new FleetRunner(FleetJob.MONITOR, FleetRunnerTest::ok, 2, 5, Clock.systemUTC())
            .run("r5", list);
    assertThat(s.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.error()).contains("AccessDeniedException"));
    assertThat(s.anythingFailed()).isTrue();
  }
}
