package dev.sesops.protection;

/**
 * A resume ses-ops will not do: the scope is not paused by ses-ops. The message says what to do
 * instead.
 */
public class ResumeRefusedException extends RuntimeException {
  public ResumeRefusedException(String message) {
    super(message);
  }
}
