package dev.sesops.events;

import dev.sesops.alert.Alert;
import dev.sesops.alert.AlertPublisher;
import dev.sesops.alert.AlertState;
import dev.sesops.alert.AlertStateEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** In-memory fakes of the events package's ports, with the same redelivery rule as the DynamoDB adapter. */
final class Fakes {
  private Fakes() {}

  static final class InMemoryCounterStore implements CounterStore {
    final Map<String, Map<Instant, Counts>> items = new HashMap<>();
    final Map<String, Set<String>> batches = new HashMap<>();
    final Map<String, Set<String>> index = new HashMap<>();
    int writes;
    boolean failWrites;

    @Override
    public ApplyResult apply(String batchId, Map<CounterKey, Tally> tallies) {
      int written = 0;
      int dup = 0;
      List<CounterKey> failed = new ArrayList<>();
      for (Map.Entry<CounterKey, Tally> e : tallies.entrySet()) {
        CounterKey k = e.getKey();
        if (failWrites) {
          failed.add(k);
          continue;
        }
        writes++;
        String item = DynamoDbCounterStore.pk(k.account(), k.scope()) + "|" + k.bucket();
        if (!batches.computeIfAbsent(item, x -> new HashSet<>()).add(batchId)) {
          dup++;
          continue;
        }
        items.computeIfAbsent(DynamoDbCounterStore.pk(k.account(), k.scope()), x -> new TreeMap<>())
            .merge(k.bucket(), e.getValue().counts(), Counts::plus);
        if (e.getValue().scopes != null) {
          index.computeIfAbsent(k.account() + "|" + k.bucket(), x -> new LinkedHashSet<>()).addAll(e.getValue().scopes);
        }
        written++;
      }
      return new ApplyResult(written, dup, failed, failed.isEmpty() ? List.of() : List.of("injected fault"));
    }

    @Override
    public Map<Instant, Counts> read(String account, Scope scope, Instant from, Instant to) {
      Map<Instant, Counts> out = new TreeMap<>();
      items.getOrDefault(DynamoDbCounterStore.pk(account, scope), Map.of()).forEach((b, c) -> {
        if (!b.isBefore(from) && !b.isAfter(to)) {
          out.put(b, c);
        }
      });
      return out;
    }

    @Override
    public Set<String> scopes(String account, Instant from, Instant to) {
      Set<String> out = new LinkedHashSet<>();
      index.forEach((k, v) -> {
        Instant b = Instant.parse(k.substring(k.indexOf('|') + 1));
        if (k.startsWith(account + "|") && !b.isBefore(from) && !b.isAfter(to)) {
          out.addAll(v);
        }
      });
      return out;
    }

    Counts total(String account, Scope scope) {
      return items.getOrDefault(DynamoDbCounterStore.pk(account, scope), Map.of()).values().stream()
          .reduce(Counts.ZERO, Counts::plus);
    }
  }

  static final class InMemoryAlertState implements AlertState {
    final Map<String, AlertStateEntry> entries = new HashMap<>();

    @Override
    public Optional<AlertStateEntry> get(String account, String check) {
      return Optional.ofNullable(entries.get(account + "|" + check));
    }

    @Override
    public Map<String, AlertStateEntry> all(String account) {
      Map<String, AlertStateEntry> out = new HashMap<>();
      entries.forEach((k, v) -> {
        if (k.startsWith(account + "|")) {
          out.put(k.substring(account.length() + 1), v);
        }
      });
      return out;
    }

    @Override
    public boolean compareAndSet(String account, String check, AlertStateEntry expected, AlertStateEntry next) {
      AlertStateEntry cur = entries.get(account + "|" + check);
      if (expected == null ? cur != null : cur == null || cur.version() != expected.version()) {
        return false;
      }
      entries.put(account + "|" + check, next);
      return true;
    }
  }

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
