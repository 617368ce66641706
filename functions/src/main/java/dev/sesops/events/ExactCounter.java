package dev.sesops.events;

import dev.sesops.common.Deadline;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts one account's share of a batch exactly once, whatever SQS and EventBridge redeliver.
 *
 * <p>Each SES event has an identity ({@link EventKey}). The ids already counted live in dedupe
 * pages, one partition per 5-second slice of envelope time, so a batch reads the few pages of the
 * slices it covers, not a structure that grows with history. A batch drops what the pages already
 * hold, adds the rest to its scopes' window items ({@link WindowCounts}, fixed size) and writes the
 * new ids and the new windows in one DynamoDB transaction, each item conditional on the version it
 * was read at. Counts and ids change together or not at all, so:
 *
 * <ul>
 *   <li>a transaction that failed changed nothing: its records go back to SQS and count when they
 *       return, in whatever grouping;
 *   <li>a transaction that succeeded (even one whose answer was lost) recorded its ids: a
 *       redelivery of those records, alone or regrouped with others, is recognised and counted zero
 *       times;
 *   <li>two batches racing on an item: the second's transaction is refused, it reads again and
 *       redoes.
 * </ul>
 *
 * <p>A transaction holds at most 100 items; a batch that touches more is split into groups of
 * events, each group one transaction, committed in order. Recipient domains are bounded per
 * account: the first {@code maxDomains} seen within 24 hours are counted on their own, the rest
 * fold into {@code recipient-domain:(other)}.
 */
final class ExactCounter {
  private static final Logger LOG = LoggerFactory.getLogger(ExactCounter.class);
  static final int MAX_ITEMS = 100;

  /** What a transaction may carry, well under DynamoDB's 4 MB. */
  static final long MAX_COMMIT_BYTES = 3L * 1024 * 1024;

  /** A window item's size with its key and attributes, for the transaction's size. */
  static final int WINDOW_ITEM_BYTES = WindowCounts.BYTES + 600;

  /** Ids per dedupe page: 48 KB of ids, so a page stays under 64 KB by construction. */
  static final int MAX_PAGE_IDS = 6000;

  static final int ATTEMPTS = 5;

  /** Dedupe pages outlive the 25 h after which an event is ignored anyway. */
  static final Duration SEEN_TTL = Duration.ofDays(2);

  /**
   * A window item stays this long after its last write: its {@code last} tells the events-stopped
   * check when events stopped.
   */
  static final Duration WINDOW_TTL = Duration.ofDays(15);

  static final String OTHER = "(other)";

  private final CounterStore store;

  ExactCounter(CounterStore store) {
    this.store = store;
  }

  /** One record to count: its SQS message id and its event. */
  record Counted(String messageId, SesEvent event) {}

  /**
   * What happened to an account's records.
   *
   * @param counted message ids whose events were added now
   * @param duplicates message ids whose events were already counted (an earlier delivery), or
   *     appear twice here
   * @param retry message ids whose events were not counted: hand them back to SQS
   * @param windows the windows of every scope this call wrote, as written
   * @param folded recipient domains this call folded into {@code (other)}
   * @param commits transactions written
   * @param conflicts transactions refused because another writer got there first (each one redone)
   * @param error why records went back, or null
   */
  record Outcome(
      Set<String> counted,
      Set<String> duplicates,
      Set<String> retry,
      Map<Scope, WindowCounts> windows,
      Set<String> folded,
      int commits,
      int conflicts,
      String error) {}

  static String windowPk(String account) {
    return "WIN#" + account;
  }

  static String seenPk(String account, long slice) {
    return "SEEN#" + account + "#" + slice;
  }

  Outcome apply(
      String account, List<Counted> events, int maxDomains, Instant now, Deadline deadline) {
    Set<String> duplicates = new LinkedHashSet<>();
    Map<Long, Counted> unique = new LinkedHashMap<>();
    for (Counted c : events) {
      if (unique.putIfAbsent(c.event().key(), c) != null) {
        duplicates.add(c.messageId());
      }
    }
    List<Counted> pending = new ArrayList<>(unique.values());
    pending.sort(Comparator.comparingLong((Counted c) -> c.event().slice()));
    Set<String> counted = new LinkedHashSet<>();
    Set<String> retry = new LinkedHashSet<>();
    Map<Scope, WindowCounts> windows = new HashMap<>();
    Set<String> folded = new HashSet<>();
    int commits = 0;
    int conflicts = 0;
    String error = null;
    for (int attempt = 0; attempt < ATTEMPTS && !pending.isEmpty(); attempt++) {
      Round round;
      try {
        round = read(account, pending, maxDomains, now);
      } catch (EventsException e) {
        error = e.getMessage();
        break;
      }
      List<Counted> fresh = new ArrayList<>(pending.size());
      for (Counted c : pending) {
        if (round.seen(c.event())) {
          duplicates.add(c.messageId());
        } else {
          fresh.add(c);
        }
      }
      pending = fresh;
      folded.addAll(round.folded);
      boolean conflict = false;
      for (List<Counted> group : round.groups(pending)) {
        if (deadline.passed()) {
          error = "deadline reached before every record was counted";
          break;
        }
        List<CounterStore.StoredItem> writes = round.apply(group);
        try {
          store.commit(writes);
        } catch (CounterStore.Conflict c) {
          conflicts++;
          conflict = true;
          LOG.info(
              "account {}: counters changed by another batch ({}); reading again",
              account,
              c.getMessage());
          break;
        } catch (EventsException e) {
          error = e.getMessage();
          break;
        }
        commits++;
        round.committed();
        group.forEach(c -> counted.add(c.messageId()));
        pending = pending.subList(group.size(), pending.size());
        windows.putAll(round.windows());
      }
      if (!conflict) {
        break;
      }
    }
    pending.forEach(c -> retry.add(c.messageId()));
    if (!retry.isEmpty() && error == null) {
      error = "counters kept changing under " + ATTEMPTS + " attempts";
    }
    duplicates.removeAll(retry);
    return new Outcome(counted, duplicates, retry, windows, folded, commits, conflicts, error);
  }

  /** The scopes one event counts under, after folding its recipient domains. */
  static List<Scope> scopes(String account, SesEvent e, Set<String> tracked) {
    List<Scope> out = new ArrayList<>(4 + e.recipientDomains().size());
    out.add(new Scope(ScopeKind.ACCOUNT, account));
    if (e.configurationSet() != null) {
      out.add(new Scope(ScopeKind.CONFIGURATION_SET, e.configurationSet()));
    }
    if (e.tenant() != null) {
      out.add(new Scope(ScopeKind.TENANT, e.tenant()));
    }
    if (e.fromDomain() != null) {
      out.add(new Scope(ScopeKind.FROM_DOMAIN, e.fromDomain()));
    }
    boolean other = false;
    for (String d : e.recipientDomains()) {
      if (tracked.contains(d)) {
        out.add(new Scope(ScopeKind.RECIPIENT_DOMAIN, d));
      } else if (!other) {
        out.add(new Scope(ScopeKind.RECIPIENT_DOMAIN, OTHER));
        other = true;
      }
    }
    return out;
  }

  /**
   * One event as the counters' fields: sends, deliveries, hard bounces, soft bounces, complaints,
   * rejects, delays.
   */
  static long[] delta(SesEvent e) {
    long[] d = new long[WindowCounts.FIELDS];
    switch (e.kind()) {
      case SEND -> d[0] = 1;
      case DELIVERY -> d[1] = 1;
      case BOUNCE -> d[e.hardBounce() ? 2 : 3] = 1;
      case COMPLAINT -> d[4] = 1;
      case REJECT -> d[5] = 1;
      case DELIVERY_DELAY -> d[6] = 1;
      default -> {}
    }
    return d;
  }

  private Round read(String account, List<Counted> events, int maxDomains, Instant now) {
    String pk = windowPk(account);
    Scope accountScope = new Scope(ScopeKind.ACCOUNT, account);
    Set<CounterStore.ItemKey> keys = new LinkedHashSet<>();
    keys.add(new CounterStore.ItemKey(pk, accountScope.key()));
    Map<String, Long> domainCounts = new HashMap<>();
    Set<Long> slices = new LinkedHashSet<>();
    for (Counted c : events) {
      for (Scope s : scopes(account, c.event(), Set.of())) {
        keys.add(new CounterStore.ItemKey(pk, s.key()));
      }
      for (String d : c.event().recipientDomains()) {
        domainCounts.merge(d, 1L, Long::sum);
        keys.add(new CounterStore.ItemKey(pk, new Scope(ScopeKind.RECIPIENT_DOMAIN, d).key()));
      }
      slices.add(c.event().slice());
    }
    for (long s : slices) {
      keys.add(new CounterStore.ItemKey(seenPk(account, s), "0"));
    }
    Map<CounterStore.ItemKey, CounterStore.StoredItem> got = new HashMap<>(store.get(keys));
    List<CounterStore.ItemKey> more = new ArrayList<>();
    for (long s : slices) {
      CounterStore.StoredItem first = got.get(new CounterStore.ItemKey(seenPk(account, s), "0"));
      for (long p = 1; first != null && p < first.pages(); p++) {
        more.add(new CounterStore.ItemKey(seenPk(account, s), Long.toString(p)));
      }
    }
    if (!more.isEmpty()) {
      got.putAll(store.get(more));
    }
    return new Round(account, got, domainCounts, slices, maxDomains, now);
  }

  /** The state of one read: windows and pages as read, then as each committed group left them. */
  private static final class Round {
    private final String account;
    private final Instant now;
    private final Map<String, State> states = new HashMap<>();
    private final Map<Long, Slice> slices = new HashMap<>();
    private final Map<String, Long> domains;
    private final Set<String> tracked;
    final Set<String> folded = new HashSet<>();
    private List<Runnable> onCommit = List.of();

    Round(
        String account,
        Map<CounterStore.ItemKey, CounterStore.StoredItem> got,
        Map<String, Long> domainCounts,
        Set<Long> sliceIds,
        int maxDomains,
        Instant now) {
      this.account = account;
      this.now = now;
      String pk = windowPk(account);
      got.forEach(
          (k, v) -> {
            if (k.pk().equals(pk)) {
              states.put(k.sk(), new State(v.version(), WindowCounts.decode(v.data())));
            }
          });
      CounterStore.StoredItem acc =
          got.get(new CounterStore.ItemKey(pk, new Scope(ScopeKind.ACCOUNT, account).key()));
      long hourNow = Math.floorDiv(now.getEpochSecond(), WindowCounts.HOUR);
      domains = new TreeMap<>();
      if (acc != null) {
        acc.domains()
            .forEach(
                (d, h) -> {
                  if (h > hourNow - WindowCounts.HOUR_SLOTS) {
                    domains.put(d, h);
                  }
                });
      }
      List<Map.Entry<String, Long>> candidates = new ArrayList<>(domainCounts.entrySet());
      candidates.sort(
          Map.Entry.<String, Long>comparingByValue()
              .reversed()
              .thenComparing(Map.Entry.comparingByKey()));
      for (Map.Entry<String, Long> c : candidates) {
        if (domains.containsKey(c.getKey()) || domains.size() < maxDomains) {
          domains.put(c.getKey(), hourNow);
        } else {
          folded.add(c.getKey());
        }
      }
      tracked = domains.keySet();
      for (long s : sliceIds) {
        Slice slice = new Slice();
        for (long p = 0; ; p++) {
          CounterStore.StoredItem page =
              got.get(new CounterStore.ItemKey(seenPk(account, s), Long.toString(p)));
          if (page == null) {
            break;
          }
          slice.pages.add(new Page(p, page.version(), page.data()));
          ByteBuffer b = ByteBuffer.wrap(page.data());
          while (b.remaining() >= 8) {
            slice.ids.add(b.getLong());
          }
        }
        slices.put(s, slice);
      }
    }

    boolean seen(SesEvent e) {
      Slice s = slices.get(e.slice());
      return s != null && s.ids.contains(e.key());
    }

    /**
     * Splits events into groups whose transaction fits: at most 100 items and {@link
     * #MAX_COMMIT_BYTES}. A slice takes one page item, or when the group's ids overflow its last
     * page, the pages they fill and its first page.
     */
    List<List<Counted>> groups(List<Counted> events) {
      List<List<Counted>> out = new ArrayList<>();
      List<Counted> cur = new ArrayList<>();
      Set<String> items = new HashSet<>();
      Map<Long, Integer> ids = new HashMap<>();
      long[] cost = new long[2];
      for (Counted c : events) {
        List<String> mine = new ArrayList<>();
        for (Scope s : scopes(account, c.event(), tracked)) {
          if (!items.contains(s.key())) {
            mine.add(s.key());
          }
        }
        long slice = c.event().slice();
        int n = ids.getOrDefault(slice, 0);
        long[] before = pageCost(slice, n);
        long[] after = pageCost(slice, n + 1);
        long addItems = mine.size() + after[0] - before[0];
        long addBytes = mine.size() * (long) WINDOW_ITEM_BYTES + after[1] - before[1];
        if (!cur.isEmpty()
            && (items.size() + cost[0] + addItems > MAX_ITEMS
                || cost[1] + addBytes > MAX_COMMIT_BYTES)) {
          out.add(cur);
          cur = new ArrayList<>();
          items.clear();
          ids.clear();
          cost = new long[2];
          mine.clear();
          for (Scope s : scopes(account, c.event(), tracked)) {
            mine.add(s.key());
          }
          before = pageCost(slice, 0);
          after = pageCost(slice, 1);
          addBytes = mine.size() * (long) WINDOW_ITEM_BYTES + after[1] - before[1];
        }
        cur.add(c);
        items.addAll(mine);
        cost[0] += after[0] - before[0];
        cost[1] += addBytes;
        ids.put(slice, ids.getOrDefault(slice, 0) + 1);
      }
      if (!cur.isEmpty()) {
        out.add(cur);
      }
      return out;
    }

    /** Page items and bytes a group writes for a slice when it adds {@code n} ids to it. */
    private long[] pageCost(long slice, int n) {
      if (n == 0) {
        return new long[] {0, 0};
      }
      Slice s = slices.get(slice);
      int lastSize = s == null || s.pages.isEmpty() ? 0 : s.pages.get(s.pages.size() - 1).size();
      int pages = s == null ? 0 : s.pages.size();
      if (pages > 0 && lastSize + n <= MAX_PAGE_IDS) {
        return new long[] {1, (lastSize + n) * 8L};
      }
      int room = pages == 0 ? 0 : MAX_PAGE_IDS - lastSize;
      int fresh = (n - room + MAX_PAGE_IDS - 1) / MAX_PAGE_IDS;
      long items = (room > 0 ? 1 : 0) + fresh + (pages > 1 || (pages == 1 && room == 0) ? 1 : 0);
      long bytes =
          (room > 0 ? MAX_PAGE_IDS * 8L : 0)
              + (n - room) * 8L
              + (pages > 0 ? MAX_PAGE_IDS * 8L : 0);
      return new long[] {items, bytes};
    }

    /** The writes of one group, from copies: nothing here changes until {@link #committed}. */
    List<CounterStore.StoredItem> apply(List<Counted> group) {
      Map<String, WindowCounts> next = new HashMap<>();
      Map<Long, List<Long>> newIds = new TreeMap<>();
      for (Counted c : group) {
        long[] d = delta(c.event());
        for (Scope s : scopes(account, c.event(), tracked)) {
          next.computeIfAbsent(
                  s.key(),
                  k -> {
                    State st = states.get(k);
                    return st == null ? new WindowCounts() : st.counts.copy();
                  })
              .add(c.event().time(), d);
        }
        newIds.computeIfAbsent(c.event().slice(), k -> new ArrayList<>()).add(c.event().key());
      }
      List<CounterStore.StoredItem> writes = new ArrayList<>();
      List<Runnable> after = new ArrayList<>();
      String pk = windowPk(account);
      String accountKey = new Scope(ScopeKind.ACCOUNT, account).key();
      long ttl = now.plus(WINDOW_TTL).getEpochSecond();
      next.forEach(
          (sk, counts) -> {
            State st = states.get(sk);
            long version = (st == null ? 0 : st.version) + 1;
            boolean isAccount = sk.equals(accountKey);
            Instant last = counts.lastBucket();
            writes.add(
                new CounterStore.StoredItem(
                    new CounterStore.ItemKey(pk, sk),
                    version,
                    counts.encode(),
                    isAccount ? domains : null,
                    0,
                    isAccount && last != null ? Buckets.key(last) : null,
                    ttl));
            after.add(() -> states.put(sk, new State(version, counts)));
          });
      newIds.forEach(
          (s, ids) ->
              writes.addAll(
                  slices.computeIfAbsent(s, k -> new Slice()).append(account, s, ids, after)));
      onCommit = after;
      return writes;
    }

    void committed() {
      onCommit.forEach(Runnable::run);
      onCommit = List.of();
    }

    Map<Scope, WindowCounts> windows() {
      Map<Scope, WindowCounts> out = new HashMap<>();
      states.forEach(
          (sk, st) -> {
            Scope s = Scope.parse(sk);
            if (s != null && st.version > 0) {
              out.put(s, st.counts);
            }
          });
      return out;
    }
  }

  private record State(long version, WindowCounts counts) {}

  private record Page(long no, long version, byte[] data) {
    int size() {
      return data.length / 8;
    }
  }

  /** A slice's pages as read (and as committed since). */
  private static final class Slice {
    final List<Page> pages = new ArrayList<>();
    final Set<Long> ids = new HashSet<>();

    /**
     * The page writes that add {@code add}: the last page filled up, then new pages; the first page
     * counts them.
     */
    List<CounterStore.StoredItem> append(
        String account, long slice, List<Long> add, List<Runnable> after) {
      List<Page> next = new ArrayList<>(pages);
      int i = 0;
      Set<Integer> changed = new LinkedHashSet<>();
      while (i < add.size()) {
        Page last = next.isEmpty() ? null : next.get(next.size() - 1);
        if (last == null || last.size() >= MAX_PAGE_IDS) {
          last = new Page(next.size(), 0, new byte[0]);
          next.add(last);
        }
        int room = Math.min(MAX_PAGE_IDS - last.size(), add.size() - i);
        ByteBuffer b = ByteBuffer.allocate(last.data.length + room * 8);
        b.put(last.data);
        for (int j = 0; j < room; j++) {
          b.putLong(add.get(i + j));
        }
        i += room;
        next.set((int) last.no, new Page(last.no, last.version, b.array()));
        changed.add((int) last.no);
      }
      if (next.size() != pages.size()) {
        changed.add(0);
      }
      long ttl =
          Instant.ofEpochSecond(slice * EventKey.SLICE_SECONDS).plus(SEEN_TTL).getEpochSecond();
      List<CounterStore.StoredItem> writes = new ArrayList<>();
      List<Page> committed = new ArrayList<>(next);
      for (int no : changed) {
        Page p = next.get(no);
        long count = no == 0 ? next.size() : 0;
        writes.add(
            new CounterStore.StoredItem(
                new CounterStore.ItemKey(seenPk(account, slice), Integer.toString(no)),
                p.version + 1,
                p.data,
                null,
                count,
                null,
                ttl));
        committed.set(no, new Page(no, p.version + 1, p.data));
      }
      after.add(
          () -> {
            pages.clear();
            pages.addAll(committed);
            ids.addAll(add);
          });
      return writes;
    }
  }
}
