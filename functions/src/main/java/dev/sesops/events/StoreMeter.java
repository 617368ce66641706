package dev.sesops.events;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the counters cost in DynamoDB: calls by operation, bytes read and written, and capacity
 * units as on-demand bills them (a strongly consistent read: one unit per 4 KB of each item, one
 * for a key that was not there; a transactional write: two units per 1 KB of each item). The
 * benchmark reads it.
 */
final class StoreMeter {
  private final Map<String, AtomicLong> calls = new TreeMap<>();
  private final AtomicLong bytesRead = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final AtomicLong readUnits = new AtomicLong();
  private final AtomicLong writeUnits = new AtomicLong();
  private final AtomicLong largestItem = new AtomicLong();

  synchronized void call(String operation) {
    calls.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();
  }

  void read(int bytes) {
    bytesRead.addAndGet(bytes);
    readUnits.addAndGet(Math.max(1, (bytes + 4095) / 4096));
  }

  void missing(int keys) {
    readUnits.addAndGet(keys);
  }

  void written(int bytes) {
    bytesWritten.addAndGet(bytes);
    writeUnits.addAndGet(2L * Math.max(1, (bytes + 1023) / 1024));
    largestItem.accumulateAndGet(bytes, Math::max);
  }

  synchronized Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  synchronized long totalCalls() {
    return calls.values().stream().mapToLong(AtomicLong::get).sum();
  }

  long bytesRead() {
    return bytesRead.get();
  }

  long bytesWritten() {
    return bytesWritten.get();
  }

  long readUnits() {
    return readUnits.get();
  }

  long writeUnits() {
    return writeUnits.get();
  }

  long largestItem() {
    return largestItem.get();
  }

  synchronized void reset() {
    calls.clear();
    bytesRead.set(0);
    bytesWritten.set(0);
    readUnits.set(0);
    writeUnits.set(0);
    largestItem.set(0);
  }
}
