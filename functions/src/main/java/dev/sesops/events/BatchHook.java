package dev.sesops.events;

/**
 * Runs after every batch (e.g. containment looking at what the batch touched); its failure never
 * fails the batch.
 */
@FunctionalInterface
public interface BatchHook {
  void afterBatch(BatchReport report);
}
