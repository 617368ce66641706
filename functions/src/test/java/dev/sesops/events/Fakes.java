package dev.sesops.events;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.core.Alert;
import dev.sesops.core.Scope;
import dev.sesops.core.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * In-memory fakes of the events package's ports, with the same redelivery rule as the DynamoDB
 * adapter.
 */
final class Fakes {
  private Fakes() {}

  /**
   * The store's contract in memory: versions checked per item, all-or-nothing commits, injectable
   * faults.
   */
  static final class InMemoryCounterStore implements CounterStore {
    final Map<ItemKey, StoredItem> items = new HashMap<>();
    int commits;
    int gets;

    /** Every commit fails (nothing written). */
    boolean failWrites;

    /** These commit attempts (1-based) fail with nothing written. */
    final Set<Integer> failAt = new HashSet<>();

    /** These commit attempts (1-based) are written, then answer with a fault (a lost answer). */
    final Set<Integer> lostAnswerAt = new HashSet<>();

    private int attempts;

    @Override
    public synchronized Map<ItemKey, StoredItem> get(Collection<ItemKey> keys) {
      gets++;
      Map<ItemKey, StoredItem> out = new HashMap<>();
      for (ItemKey k : keys) {
        StoredItem i = items.get(k);
        if (i != null) {
          out.put(k, i);
        }
      }
      return out;
    }

    @Override
    public synchronized List<StoredItem> query(String pk, String skPrefix) {
      List<StoredItem> out = new ArrayList<>();
      new TreeMap<>(
              items.entrySet().stream()
                  .collect(
                      java.util.stream.Collectors.toMap(
                          e -> e.getKey().pk() + "\u0000" + e.getKey().sk(), Map.Entry::getValue)))
          .forEach(
              (k, v) -> {
                if (v.key().pk().equals(pk)
                    && v.key().sk().startsWith(skPrefix == null ? "" : skPrefix)) {
                  out.add(v);
                }
              });
      return out;
    }

    @Override
    public synchronized void commit(List<StoredItem> writes) {
      attempts++;
      if (failWrites || failAt.contains(attempts)) {
        throw new EventsException("injected fault: ProvisionedThroughputExceededException", null);
      }
      Set<ItemKey> keys = new HashSet<>();
      for (StoredItem w : writes) {
        if (!keys.add(w.key())) {
          throw new IllegalStateException("one item twice in a transaction: " + w.key());
        }
        StoredItem cur = items.get(w.key());
        long have = cur == null ? 0 : cur.version();
        if (have != w.version() - 1) {
          throw new Conflict("ConditionalCheckFailed");
        }
      }
      if (writes.size() > ExactCounter.MAX_ITEMS) {
        throw new IllegalStateException("transaction of " + writes.size() + " items");
      }
      writes.forEach(w -> items.put(w.key(), w));
      commits++;
      if (lostAnswerAt.contains(attempts)) {
        throw new EventsException("injected fault: the answer was lost after the write", null);
      }
    }

    /** A scope's counts over a window, as the API reads them. */
    Counts window(String account, Scope scope, Window w, Instant now) {
      StoredItem i = items.get(new ItemKey(ExactCounter.windowPk(account), scope.key()));
      return i == null ? Counts.ZERO : WindowCounts.decode(i.data()).window(w, now);
    }

    int largestItem() {
      int max = 0;
      for (StoredItem i : items.values()) {
        max = Math.max(max, i.data().length);
      }
      return max;
    }
  }

  static final class InMemoryAlertState extends dev.sesops.testing.InMemoryAlertState {}

  static final class RecordingPublisher implements AlertPublisher {
    final List<Alert> alerts = new ArrayList<>();
    boolean fail;

    @Override
    public String publish(Alert alert) {
      if (fail) {
        throw new dev.sesops.alert.AlertException("topic unavailable", null);
      }
      alerts.add(alert);
      return "msg-" + alerts.size();
    }
  }
}
