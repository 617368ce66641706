package dev.sesops.protection;

import dev.sesops.config.AccountConfig;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** SES's sending switches in memory; records every change and can fail on demand. */
final class FakeScopeControl implements ScopeControl {
  final Map<Scope, ScopeState> states = new HashMap<>();
  final List<String> changes = new ArrayList<>();
  String failChangesWith;
  String failReadsWith;

  /** Runs just before a change is applied: tests check what was logged by then. */
  Consumer<Scope> beforeChange = s -> {};

  /**
   * Runs just after a pause SES accepted (before the protector records it): tests break the log
   * there.
   */
  Consumer<Scope> afterPause = s -> {};

  @Override
  public synchronized ScopeState read(AccountConfig account, Scope scope) {
    if (failReadsWith != null) {
      throw new ScopeControlException(failReadsWith, "read failed", null);
    }
    return states.getOrDefault(
        scope,
        scope.kind() == ScopeKind.TENANT
            ? ScopeState.tenant(
                "arn:aws:ses:us-east-1:111122223333:tenant/" + scope.name() + "/t-1",
                "ENABLED",
                "ENABLED",
                null)
            : ScopeState.sending(true));
  }

  @Override
  public synchronized void pause(AccountConfig account, Scope scope, ScopeState before) {
    beforeChange.accept(scope);
    if (failChangesWith != null) {
      throw new ScopeControlException(failChangesWith, "change failed", null);
    }
    changes.add("pause " + scope.key());
    states.put(
        scope,
        scope.kind() == ScopeKind.TENANT
            ? ScopeState.tenant(
                before.tenantArn(), "DISABLED", before.awsManagedStatus(), before.awsManagedCause())
            : ScopeState.sending(false));
    afterPause.accept(scope);
  }

  @Override
  public synchronized void restore(AccountConfig account, Scope scope, ScopeState before) {
    beforeChange.accept(scope);
    if (failChangesWith != null) {
      throw new ScopeControlException(failChangesWith, "change failed", null);
    }
    changes.add("restore " + scope.key());
    states.put(scope, before);
  }
}
