package dev.sesops.protection;

import dev.sesops.config.ProtectionPolicy;
import dev.sesops.core.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The action log and the locks in the state table. Every method throws {@link ProtectionException}
 * when the table cannot be read or written.
 */
public interface ActionStore {
  /** The lock of every scope of the account that has one, in this mode's namespace. */
  Map<Scope, ScopeLock> locks(String account, ProtectionPolicy.Mode mode);

  /**
   * Claims the scope for a pause: one conditional write, true only for the one run that wins
   * ({@link ScopeLock#claimable} of the lock found, or no lock).
   */
  boolean claim(String account, ProtectionPolicy.Mode mode, ActionRecord pending, Instant now);

  /** Moves the lock to {@code state} (unconditionally: the caller holds the claim). */
  void setLock(String account, ProtectionPolicy.Mode mode, Scope scope, ScopeLock lock);

  /**
   * Moves a lock from {@code expectedState} (held by {@code expectedActionId}) to {@code next}: one
   * conditional write, false when someone else moved it first.
   */
  boolean moveLock(
      String account,
      ProtectionPolicy.Mode mode,
      Scope scope,
      String expectedState,
      String expectedActionId,
      ScopeLock next);

  /** Writes (or rewrites, by action id) one action-log line. */
  void log(ActionRecord record);

  /**
   * Takes one of the hour's pauses: true while fewer than {@code max} were taken in the hour before
   * {@code now}.
   */
  boolean takePause(String account, ProtectionPolicy.Mode mode, Instant now, int max);

  /** The account's action log, newest first. */
  List<ActionRecord> log(String account, int limit);
}
