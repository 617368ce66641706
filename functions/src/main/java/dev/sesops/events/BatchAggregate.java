package dev.sesops.events;

import java.util.HashMap;
import java.util.Map;

/** Every counted event of one batch, summed per (account, scope, 5-minute bucket): what one write per item stores. */
final class BatchAggregate {
  private final Map<CounterKey, Tally> tallies = new HashMap<>();
  private long events;

  /** Adds one event under {@code account} (the config's name, or the AWS account id when unknown). */
  void add(String account, SesEvent e) {
    events++;
    java.time.Instant bucket = Buckets.of(e.time());
    Tally acc = tally(account, new Scope(ScopeKind.ACCOUNT, account), bucket);
    acc.add(e);
    if (e.configurationSet() != null) {
      addTo(acc, account, new Scope(ScopeKind.CONFIGURATION_SET, e.configurationSet()), bucket, e);
    }
    if (e.tenant() != null) {
      addTo(acc, account, new Scope(ScopeKind.TENANT, e.tenant()), bucket, e);
    }
    if (e.fromDomain() != null) {
      addTo(acc, account, new Scope(ScopeKind.FROM_DOMAIN, e.fromDomain()), bucket, e);
    }
    for (String d : e.recipientDomains()) {
      addTo(acc, account, new Scope(ScopeKind.RECIPIENT_DOMAIN, d), bucket, e);
    }
  }

  private void addTo(Tally accountTally, String account, Scope scope, java.time.Instant bucket, SesEvent e) {
    tally(account, scope, bucket).add(e);
    accountTally.index(scope.key());
  }

  private Tally tally(String account, Scope scope, java.time.Instant bucket) {
    return tallies.computeIfAbsent(new CounterKey(account, scope, bucket), k -> new Tally());
  }

  Map<CounterKey, Tally> tallies() {
    return tallies;
  }

  long events() {
    return events;
  }

  boolean isEmpty() {
    return tallies.isEmpty();
  }
}
