package dev.sesops.protection;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The report bucket's action objects in memory, keyed as in S3. */
final class InMemoryActionTrail implements ActionTrail {
  final Map<String, List<ActionRecord>> objects = new HashMap<>();
  boolean failing;

  @Override
  public synchronized String write(
      String account, String runId, Instant runStarted, List<ActionRecord> lines) {
    if (failing) {
      throw new ProtectionException("report bucket not available", null);
    }
    String key = S3ActionTrail.key(account, runId, runStarted);
    objects.put(key, List.copyOf(lines));
    return "mem://" + key;
  }
}
