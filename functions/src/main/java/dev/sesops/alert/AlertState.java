package dev.sesops.alert;

import java.util.Map;
import java.util.Optional;

/**
 * Remembers the last level per (account, check), so alerts go out on changes and not on every run.
 */
public interface AlertState {
  Optional<AlertStateEntry> get(String account, String check);

  /** Every stored check of one account, by check name: one read where a run needs them all. */
  Map<String, AlertStateEntry> all(String account);

  /**
   * Stores {@code next} only if the stored entry is still {@code expected} (by version; null: none
   * stored). Two overlapping runs therefore cannot both alert for the same change.
   *
   * @return false when another writer got there first
   */
  boolean compareAndSet(
      String account, String check, AlertStateEntry expected, AlertStateEntry next);
}
