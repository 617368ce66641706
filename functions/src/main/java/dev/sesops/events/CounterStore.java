package dev.sesops.events;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the counters live (the state table when deployed): small items read consistently and
 * written all-or-nothing, each write conditional on the version it was read at.
 */
public interface CounterStore {
  /** An item's key. */
  record ItemKey(String pk, String sk) {}

  /**
   * One stored item: a scope's windows ({@link WindowCounts} in {@code data}), or a page of counted
   * event ids (8 bytes each in {@code data}).
   *
   * @param version 0 for an item not stored yet; each write adds one
   * @param domains on the account's window item only: the recipient domains counted on their own,
   *     by the hour they were last seen (epoch hours)
   * @param pages on a slice's first page only: how many pages the slice has
   * @param last on the account's window item only: the newest five-minute bucket with an event
   * @param ttl epoch seconds after which the table may drop the item
   */
  record StoredItem(
      ItemKey key,
      long version,
      byte[] data,
      Map<String, Long> domains,
      long pages,
      String last,
      long ttl) {
    public StoredItem {
      domains = domains == null ? Map.of() : Map.copyOf(domains);
    }
  }

  /** Reads {@code keys} strongly consistently; missing items are absent from the answer. */
  Map<ItemKey, StoredItem> get(Collection<ItemKey> keys);

  /** The items of one partition whose sort key starts with {@code skPrefix} (empty: all). */
  List<StoredItem> query(String pk, String skPrefix);

  /**
   * Writes every item or none. Each item must still be at {@code version - 1} (absent when that is
   * 0).
   *
   * @throws Conflict another writer changed one of the items since it was read
   * @throws EventsException the store failed; nothing was written, or (a timeout) it may have been
   */
  void commit(List<StoredItem> writes);

  /** Another writer got there first: read again and redo. */
  final class Conflict extends RuntimeException {
    Conflict(String message) {
      super(message);
    }
  }
}
