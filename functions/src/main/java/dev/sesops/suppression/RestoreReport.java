package dev.sesops.suppression;

import java.util.List;

/**
 * The result of putting a trail back.
 *
 * @param entries entries in the trail
 * @param restored entries put back (for import jobs: processed less failed)
 * @param failed entries that could not be put back
 * @param pending entries in import jobs still running when the restore stopped
 * @param complete true when every entry is back (nothing failed, nothing left)
 * @param resumeFromLine when stopped early: the first trail line not yet restored (single puts)
 * @param failedLines trail line numbers that failed (the first 50)
 * @param message one sentence for people, saying plainly what is and is not restored
 */
record RestoreReport(
    String trail,
    String account,
    long entries,
    long restored,
    long failed,
    long pending,
    String method,
    List<ImportJobResult> importJobs,
    boolean complete,
    Long resumeFromLine,
    List<Long> failedLines,
    long sesCalls,
    String message) {}
