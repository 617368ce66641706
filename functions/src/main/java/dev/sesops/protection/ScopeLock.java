package dev.sesops.protection;

import java.time.Duration;
import java.time.Instant;

/**
 * The state-table item that makes a pause happen once: one per account, mode and scope, moved only
 * by conditional writes, so two runs that race for the same scope cannot both act.
 *
 * @param state see the constants
 * @param at when the state was entered (a pause's start for PAUSED)
 * @param record the action line that put it there
 */
record ScopeLock(String state, Instant at, ActionRecord record) {
  /** Claimed by a run: the SES call is being made. */
  public static final String PENDING = "PENDING";

  /** Paused by ses-ops (enforce). Only a resume moves it on. */
  public static final String PAUSED = "PAUSED";

  /** A resume is restoring the state before. */
  public static final String RESUMING = "RESUMING";

  /** Dry run: would have been paused. */
  public static final String WOULD_PAUSE = "WOULD_PAUSE";

  /** The pause was not done (failed SES call or unreadable state). */
  public static final String NOT_DONE = "NOT_DONE";

  /** Refused by max_pauses_per_hour. */
  public static final String REFUSED = "REFUSED";

  /** Resumed, or found not sending already: free to be claimed again. */
  public static final String RELEASED = "RELEASED";

  /** A crashed run's claim, or a failed pause, may be retried after this. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(15);

  /** A refused pause is looked at again (and alerted again) after this. */
  static final Duration REFUSED_FOR = Duration.ofHours(1);

  /** A dry run's "would pause" is repeated (and alerted again) after this. */
  static final Duration WOULD_PAUSE_FOR = Duration.ofHours(24);

  /**
   * True when a new pause may claim the scope (the condition the state table's conditional write
   * checks).
   */
  boolean claimable(Instant now) {
    return switch (state) {
      case RELEASED -> true;
      case NOT_DONE, PENDING -> at.isBefore(now.minus(RETRY_AFTER));
      case REFUSED -> at.isBefore(now.minus(REFUSED_FOR));
      case WOULD_PAUSE -> at.isBefore(now.minus(WOULD_PAUSE_FOR));
      default -> false;
    };
  }

  /** True when the scope counts as contained (paused, being paused, or in dry run would be). */
  boolean active(Instant now) {
    return switch (state) {
      case PAUSED, RESUMING -> true;
      case PENDING -> !at.isBefore(now.minus(RETRY_AFTER));
      case WOULD_PAUSE -> !at.isBefore(now.minus(WOULD_PAUSE_FOR));
      default -> false;
    };
  }
}
