package dev.sesops.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Deadline;
import dev.sesops.core.Scope;
import dev.sesops.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Exactly once under what SQS and EventBridge do: a fault part-way through a batch, the records it
 * hands back regrouped with others, a lost answer after a write, the same event under a new SQS
 * message id, and two writers racing. Every check compares with counts made by hand from the events
 * themselves.
 */
class ExactCounterTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final String ACCOUNT = "production";
  private final Fakes.InMemoryCounterStore store = new Fakes.InMemoryCounterStore();
  private final ExactCounter counter = new ExactCounter(store);
  private final Deadline none = Deadline.none(Clock.fixed(NOW, ZoneOffset.UTC));

  private static List<ExactCounter.Counted> events(List<String> bodies, String prefix) {
    List<ExactCounter.Counted> out = new ArrayList<>();
    int i = 0;
    for (String b : bodies) {
      out.add(
          new ExactCounter.Counted(prefix + "-" + (i++), SesEventParser.parse(Envelope.decode(b))));
    }
    return out;
  }

  /** What the counts must be: each distinct SES event once. */
  private static Map<String, Counts> expected(
      List<ExactCounter.Counted> events, Set<String> tracked) {
    Map<String, Counts> out = new HashMap<>();
    Set<Long> seen = new java.util.HashSet<>();
    for (ExactCounter.Counted c : events) {
      if (!seen.add(c.event().key())) {
        continue;
      }
      long[] d = ExactCounter.delta(c.event());
      Counts one = new Counts(d[0], d[1], d[2], d[3], d[4], d[5], d[6]);
      for (Scope s : ExactCounter.scopes(ACCOUNT, c.event(), tracked)) {
        out.merge(s.key(), one, Counts::plus);
      }
    }
    return out;
  }

  private Map<String, Counts> stored() {
    Map<String, Counts> out = new HashMap<>();
    for (CounterStore.StoredItem i : store.query(ExactCounter.windowPk(ACCOUNT), "")) {
      out.put(i.key().sk(), WindowCounts.decode(i.data()).day(NOW));
    }
    return out;
  }

  private static List<String> traffic(int n, Random random) {
    List<String> out = new ArrayList<>();
    String[] kinds = {
      "SEND",
      "SEND",
      "DELIVERY",
      "DELIVERY",
      "BOUNCE",
      "SOFT_BOUNCE",
      "COMPLAINT",
      "DELAY",
      "REJECT"
    };
    for (int i = 0; i < n; i++) {
      out.add(
          EventFactory.eventBridge(
              kinds[random.nextInt(kinds.length)],
              "cs-" + random.nextInt(4),
              "brand" + random.nextInt(2) + ".example",
              "u" + i + "@d" + random.nextInt(30) + ".example",
              NOW.minusSeconds(random.nextInt(120)),
              i));
    }
    return out;
  }

  @Test
  void faultPartWay_thenRegroupedRedeliveryAndDuplicates_countsEveryEventExactlyOnce() {
    Random random = new Random(42);
    List<ExactCounter.Counted> all = events(traffic(3000, random), "m");
    // batches of 500; the store refuses the 3rd and 5th transaction, and loses the answer of the
    // 7th after writing it
    store.failAt.addAll(List.of(3, 5));
    store.lostAnswerAt.add(7);
    List<ExactCounter.Counted> queue = new ArrayList<>(all);
    // EventBridge's own duplicates: 1% of the events again under new SQS message ids
    for (int i = 0; i < 30; i++) {
      ExactCounter.Counted c = all.get(random.nextInt(all.size()));
      queue.add(new ExactCounter.Counted("dup-" + i, c.event()));
    }
    // SQS redelivers 10% of everything in new groupings
    for (int i = 0; i < 300; i++) {
      queue.add(all.get(random.nextInt(all.size())));
    }
    Collections.shuffle(queue, random);
    int rounds = 0;
    while (!queue.isEmpty()) {
      rounds++;
      List<ExactCounter.Counted> back = new ArrayList<>();
      for (int i = 0; i < queue.size(); i += 500) {
        List<ExactCounter.Counted> batch = queue.subList(i, Math.min(queue.size(), i + 500));
        ExactCounter.Outcome o = counter.apply(ACCOUNT, batch, 1000, NOW, none);
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(c -> ids.add(c.messageId()));
        Set<String> answered = new LinkedHashSet<>(o.counted());
        answered.addAll(o.duplicates());
        answered.addAll(o.retry());
        assertThat(answered).isEqualTo(ids);
        for (ExactCounter.Counted c : batch) {
          if (o.retry().contains(c.messageId())) {
            back.add(c);
          }
        }
      }
      Collections.shuffle(back, random); // handed back records return in other groupings
      queue = back;
    }

    assertThat(rounds).isGreaterThan(1);
    Set<String> tracked = new java.util.HashSet<>();
    all.forEach(c -> tracked.addAll(c.event().recipientDomains()));
    assertThat(stored()).isEqualTo(expected(all, tracked));
  }

  @Test
  void lostAnswer_theRecordsComeBack_andAreRecognisedAsCounted() {
    List<ExactCounter.Counted> batch = events(traffic(200, new Random(1)), "m");
    store.lostAnswerAt.add(1);

    ExactCounter.Outcome first = counter.apply(ACCOUNT, batch, 1000, NOW, none);
    ExactCounter.Outcome again = counter.apply(ACCOUNT, batch, 1000, NOW, none);

    assertThat(first.retry()).hasSize(200);
    assertThat(first.counted()).isEmpty();
    assertThat(again.duplicates()).isNotEmpty(); // what the lost transaction wrote
    assertThat(again.counted().size() + again.duplicates().size()).isEqualTo(200);
    Set<String> tracked = new java.util.HashSet<>();
    batch.forEach(c -> tracked.addAll(c.event().recipientDomains()));
    assertThat(stored()).isEqualTo(expected(batch, tracked));
  }

  @Test
  void twoWritersRacing_theSecondReadsAgain_andNothingIsLostOrDoubled() {
    List<ExactCounter.Counted> a = events(traffic(100, new Random(2)), "a");
    List<ExactCounter.Counted> b = events(traffic(100, new Random(3)), "b");
    // b reads, a commits in between, then b's transaction meets a's versions
    CounterStore racing =
        new CounterStore() {
          boolean raced;

          @Override
          public Map<ItemKey, StoredItem> get(java.util.Collection<ItemKey> keys) {
            Map<ItemKey, StoredItem> got = store.get(keys);
            if (!raced) {
              raced = true;
              new ExactCounter(store).apply(ACCOUNT, a, 1000, NOW, none);
            }
            return got;
          }

          @Override
          public List<StoredItem> query(String pk, String skPrefix) {
            return store.query(pk, skPrefix);
          }

          @Override
          public void commit(List<StoredItem> writes) {
            store.commit(writes);
          }
        };

    ExactCounter.Outcome o = new ExactCounter(racing).apply(ACCOUNT, b, 1000, NOW, none);

    assertThat(o.conflicts()).isEqualTo(1);
    assertThat(o.counted()).hasSize(100);
    List<ExactCounter.Counted> both = new ArrayList<>(a);
    both.addAll(b);
    Set<String> tracked = new java.util.HashSet<>();
    both.forEach(c -> tracked.addAll(c.event().recipientDomains()));
    assertThat(stored()).isEqualTo(expected(both, tracked));
  }

  @Test
  void batchTouchingMoreThanOneTransactionHolds_isSplit_andEachPartCountsOnce() {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      bodies.add(
          EventFactory.eventBridge(
              "SEND", "cs-" + (i % 150), "brand.example", "u@d" + i + ".example", NOW, i));
    }
    List<ExactCounter.Counted> batch = events(bodies, "m");

    ExactCounter.Outcome o = counter.apply(ACCOUNT, batch, 200, NOW, none);

    assertThat(o.commits()).isGreaterThan(2);
    assertThat(o.counted()).hasSize(400);
    Map<String, Counts> s = stored();
    assertThat(s.get("account:production").sends()).isEqualTo(400);
    assertThat(s.get("configuration-set:cs-7").sends()).isEqualTo(3);
    // 200 domains kept on their own, the other 200 folded, and the fold adds up
    assertThat(s.keySet().stream().filter(k -> k.startsWith("recipient-domain:d"))).hasSize(200);
    assertThat(s.get("recipient-domain:(other)").sends()).isEqualTo(200);
    assertThat(o.folded()).hasSize(200);
  }

  @Test
  void recipientDomainsPastTheLimit_foldIntoOther_andTheAccountItemStaysSmall() {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      bodies.add(
          EventFactory.eventBridge(
              "SEND", "cs", "brand.example", "u@tail" + i + ".example", NOW, i));
    }

    counter.apply(ACCOUNT, events(bodies, "m"), 50, NOW, none);

    Map<String, Counts> s = stored();
    assertThat(s.keySet().stream().filter(k -> k.startsWith("recipient-domain:tail"))).hasSize(50);
    assertThat(s.get("recipient-domain:(other)").sends()).isEqualTo(1950);
    CounterStore.StoredItem account =
        store.items.get(
            new CounterStore.ItemKey(ExactCounter.windowPk(ACCOUNT), "account:production"));
    assertThat(account.domains()).hasSize(50);
  }

  @Test
  void aSliceOverItsPageSize_spillsIntoNewPages_andTheyAreAllConsulted() {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < ExactCounter.MAX_PAGE_IDS + 1500; i++) {
      bodies.add(EventFactory.eventBridge("SEND", "cs", "brand.example", "u@d.example", NOW, i));
    }
    List<ExactCounter.Counted> batch = events(bodies, "m");

    counter.apply(ACCOUNT, batch, 50, NOW, none);
    ExactCounter.Outcome again =
        counter.apply(
            ACCOUNT, batch.subList(ExactCounter.MAX_PAGE_IDS, batch.size()), 50, NOW, none);

    assertThat(again.duplicates()).hasSize(1500);
    assertThat(stored().get("account:production").sends())
        .isEqualTo(ExactCounter.MAX_PAGE_IDS + 1500);
    assertThat(store.largestItem())
        .isLessThanOrEqualTo(ExactCounter.MAX_PAGE_IDS * 8)
        .isLessThan(64 * 1024);
  }

  @Test
  void deadlinePassed_countsNothingMore_andHandsTheRestBack() {
    MutableClock clock = new MutableClock(NOW);
    Deadline passed = Deadline.after(clock, 0, Duration.ofSeconds(1));

    ExactCounter.Outcome o =
        counter.apply(ACCOUNT, events(traffic(50, new Random(5)), "m"), 50, NOW, passed);

    assertThat(o.retry()).hasSize(50);
    assertThat(o.error()).contains("deadline");
    assertThat(store.commits).isZero();
  }

  @Test
  void snsDeliveryOfTheSameEventTwice_isOneEvent_andABareEventIsKnownByItsContent()
      throws Exception {
    JsonNode sns = SesEventParserTest.sample("sns-bounce-and-send.json");
    List<ExactCounter.Counted> twice = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      int i = 0;
      for (JsonNode r : sns.path("Records")) {
        twice.add(
            new ExactCounter.Counted(
                "r" + round + "-" + (i++),
                SesEventParser.parse(Envelope.decode(r.path("body").asText()))));
      }
    }
    ExactCounter.Outcome o = counter.apply(ACCOUNT, twice, 50, NOW, none);

    assertThat(o.counted()).hasSize(twice.size() / 2);
    assertThat(o.duplicates()).hasSize(twice.size() / 2);
  }
}
