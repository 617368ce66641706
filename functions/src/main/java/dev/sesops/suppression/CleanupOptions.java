package dev.sesops.suppression;

import java.time.Duration;

/**
 * Tuning that is not policy: sizes and waits.
 *
 * @param pageSize ListSuppressedDestinations page size (SES allows up to 1000)
 * @param chunkSize records per import-job source object (SES bulk limit: 10,000 for our deletes)
 * @param sampleSize how many would-be removals a dry run shows (masked)
 * @param firstPoll first wait before polling import jobs; doubles up to {@code maxPoll}
 * @param maxPoll longest wait between polls
 * @param listingReserve listing stops when less than this (or a quarter of the time left at the
 *     start, if less) is left before the deadline, to leave time to remove
 */
public record CleanupOptions(
    int pageSize,
    int chunkSize,
    int sampleSize,
    Duration firstPoll,
    Duration maxPoll,
    Duration listingReserve) {

  public CleanupOptions {
    if (pageSize < 1
        || pageSize > ListFilter.MAX_PAGE_SIZE
        || chunkSize < 1
        || chunkSize > 10_000
        || sampleSize < 0) {
      throw new IllegalArgumentException("pageSize 1-1000, chunkSize 1-10000, sampleSize >= 0");
    }
  }

  public static CleanupOptions defaults() {
    return new CleanupOptions(
        1000, 10_000, 20, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(3));
  }
}
