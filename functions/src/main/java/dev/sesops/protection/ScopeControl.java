package dev.sesops.protection;

import dev.sesops.config.AccountConfig;
import dev.sesops.core.Scope;

/** The port to SES's sending switches of a configuration set, a tenant and the account. */
public interface ScopeControl {
  /**
   * The switch's state now.
   *
   * @throws ScopeControlException when it cannot be read (never guessed)
   */
  ScopeState read(AccountConfig account, Scope scope);

  /** Stops the scope's sending: one SES call. */
  void pause(AccountConfig account, Scope scope, ScopeState before);

  /** Puts the switch back exactly as {@code before}: one SES call. */
  void restore(AccountConfig account, Scope scope, ScopeState before);
}
