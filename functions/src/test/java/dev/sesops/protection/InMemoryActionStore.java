package dev.sesops.protection;

import dev.sesops.config.ProtectionPolicy;
import dev.sesops.core.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state table in memory, with the same claim rule as the conditional writes ({@link
 * ScopeLock#claimable}).
 */
final class InMemoryActionStore implements ActionStore {
  final Map<String, ScopeLock> locks = new HashMap<>();
  final Map<String, ActionRecord> log = new LinkedHashMap<>();
  final Map<String, List<Instant>> pauses = new HashMap<>();
  boolean failing;

  private static String key(String account, ProtectionPolicy.Mode mode, Scope scope) {
    return account + "|" + mode + "|" + scope.key();
  }

  private void check() {
    if (failing) {
      throw new ProtectionException("state table not available", null);
    }
  }

  @Override
  public synchronized Map<Scope, ScopeLock> locks(String account, ProtectionPolicy.Mode mode) {
    check();
    Map<Scope, ScopeLock> out = new HashMap<>();
    locks.forEach(
        (k, v) -> {
          if (k.startsWith(account + "|" + mode + "|")) {
            out.put(v.record().scopeValue(), v);
          }
        });
    return out;
  }

  @Override
  public synchronized boolean claim(
      String account, ProtectionPolicy.Mode mode, ActionRecord pending, Instant now) {
    check();
    String k = key(account, mode, pending.scopeValue());
    ScopeLock cur = locks.get(k);
    if (cur != null && !cur.claimable(now)) {
      return false;
    }
    locks.put(k, new ScopeLock(ScopeLock.PENDING, now, pending));
    return true;
  }

  @Override
  public synchronized void setLock(
      String account, ProtectionPolicy.Mode mode, Scope scope, ScopeLock lock) {
    check();
    locks.put(key(account, mode, scope), lock);
  }

  @Override
  public synchronized boolean moveLock(
      String account,
      ProtectionPolicy.Mode mode,
      Scope scope,
      String expectedState,
      String expectedActionId,
      ScopeLock next) {
    check();
    ScopeLock cur = locks.get(key(account, mode, scope));
    if (cur == null
        || !cur.state().equals(expectedState)
        || !cur.record().actionId().equals(expectedActionId)) {
      return false;
    }
    locks.put(key(account, mode, scope), next);
    return true;
  }

  @Override
  public synchronized void log(ActionRecord record) {
    check();
    log.put(record.actionId(), record);
  }

  @Override
  public synchronized boolean takePause(
      String account, ProtectionPolicy.Mode mode, Instant now, int max) {
    check();
    List<Instant> taken = pauses.computeIfAbsent(account + "|" + mode, k -> new ArrayList<>());
    taken.removeIf(t -> !t.isAfter(now.minus(Duration.ofHours(1))));
    if (taken.size() >= max) {
      return false;
    }
    taken.add(now);
    return true;
  }

  @Override
  public synchronized List<ActionRecord> log(String account, int limit) {
    check();
    return log.values().stream()
        .filter(r -> r.account().equals(account))
        .sorted(Comparator.comparing(ActionRecord::at).reversed())
        .limit(limit)
        .toList();
  }

  synchronized ActionRecord logged(String actionId) {
    return log.get(actionId);
  }
}
