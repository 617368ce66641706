package dev.sesops.testing;

import dev.sesops.alert.AlertState;
import dev.sesops.alert.AlertStateEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Alert state in memory, with the version check of the DynamoDB adapter's conditional claim. */
public class InMemoryAlertState implements AlertState {
  public final Map<String, AlertStateEntry> entries = new HashMap<>();

  @Override
  public Optional<AlertStateEntry> get(String account, String check) {
    return Optional.ofNullable(entries.get(account + "|" + check));
  }

  @Override
  public Map<String, AlertStateEntry> all(String account) {
    Map<String, AlertStateEntry> out = new HashMap<>();
    entries.forEach(
        (k, v) -> {
          if (k.startsWith(account + "|")) {
            out.put(k.substring(account.length() + 1), v);
          }
        });
    return out;
  }

  @Override
  public boolean compareAndSet(
      String account, String check, AlertStateEntry expected, AlertStateEntry next) {
    AlertStateEntry cur = entries.get(account + "|" + check);
    if (expected == null ? cur != null : cur == null || cur.version() != expected.version()) {
      return false;
    }
    entries.put(account + "|" + check, next);
    return true;
  }
}
