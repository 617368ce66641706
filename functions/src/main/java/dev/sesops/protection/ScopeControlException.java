package dev.sesops.protection;

/**
 * SES did not answer a read or a change of a scope's sending switch; {@link #kind()} says how
 * (never SES's message).
 */
public class ScopeControlException extends RuntimeException {
  private final String kind;

  public ScopeControlException(String kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** {@code THROTTLED}, {@code NOT_FOUND}, {@code ACCESS_DENIED}, ... */
  public String kind() {
    return kind;
  }
}
