package dev.sesops.suppression;

import java.util.List;

/**
 * What a cleanup run did in one account.
 *
 * @param status ok, dry_run, partial (failures, jobs still running, or stopped by the deadline),
 *     failed
 * @param listed entries the listing returned (already narrowed by reason and age where the policy
 *     allows)
 * @param eligible entries the policy would remove, before keep patterns
 * @param keptByPattern eligible entries a keep pattern protects
 * @param planned entries written to the trail (at most max_removals_per_run)
 * @param removed entries removed (for import jobs: processed less failed)
 * @param failed entries whose removal failed
 * @param pending entries in import jobs still running when the run stopped (SES finishes them)
 * @param leftForNextRun eligible entries not removed and not pending (over the limit, or not
 *     reached before the deadline)
 * @param listingComplete false when the listing stopped early (limit or deadline): more may be left
 * @param method none, import_job, single_delete, or import_job+single_delete (sandbox fallback)
 * @param trail the trail's S3 URI (for a dry run: the plan's)
 * @param wouldRemove a dry run's first entries, masked
 * @param sesCalls SES calls made for this account (each retry counts)
 * @param error why the account failed (no addresses, no secrets)
 */
public record AccountCleanupResult(
    String account,
    String status,
    boolean dryRun,
    long listed,
    long eligible,
    long keptByPattern,
    long planned,
    long removed,
    long failed,
    long pending,
    long leftForNextRun,
    boolean listingComplete,
    String method,
    String trail,
    List<ImportJobResult> importJobs,
    List<PlannedRemoval> wouldRemove,
    long sesCalls,
    boolean stoppedByDeadline,
    String error) {}
