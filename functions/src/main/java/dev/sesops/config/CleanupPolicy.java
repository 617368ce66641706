package dev.sesops.config;

import java.util.List;
import java.util.Map;

/**
 * Which suppressed addresses the cleanup may remove.
 *
 * @param olderThanDays eligible reasons (BOUNCE, COMPLAINT) and the age after which an entry is
 *     stale
 * @param keep addresses ({@code a@b.com}) or domains ({@code @b.com}) never removed
 * @param alwaysRemove domains ({@code @test.b.com}) removed at any age, for any eligible-or-not
 *     reason
 * @param maxRemovalsPerRun at most this many removals per run (default 10,000)
 * @param dryRun report only (default true until the team switches it off)
 * @param bulkThreshold below this many removals, delete one by one instead of an import job
 *     (default 50)
 * @param allowApiOverride the API may run a real cleanup ({@code dry_run=false}) while {@code
 *     dryRun} is true (default false)
 */
public record CleanupPolicy(
    Map<String, Integer> olderThanDays,
    List<String> keep,
    List<String> alwaysRemove,
    int maxRemovalsPerRun,
    boolean dryRun,
    int bulkThreshold,
    boolean allowApiOverride) {

  public CleanupPolicy(
      Map<String, Integer> olderThanDays,
      List<String> keep,
      List<String> alwaysRemove,
      int maxRemovalsPerRun,
      boolean dryRun,
      int bulkThreshold) {
    this(olderThanDays, keep, alwaysRemove, maxRemovalsPerRun, dryRun, bulkThreshold, false);
  }

  public static CleanupPolicy defaults() {
    return new CleanupPolicy(Map.of("BOUNCE", 90), List.of(), List.of(), 10_000, true, 50, false);
  }
}
