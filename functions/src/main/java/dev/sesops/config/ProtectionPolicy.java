package dev.sesops.config;

import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code protection} block: whether and how ses-ops pauses what is hurting an account.
 *
 * @param mode off (the default), dry_run (decide, log and alert "would pause") or enforce
 * @param levels act levels per pausable scope type (configuration set, tenant, account)
 * @param allowAccountPause whether the whole account may be paused (default false)
 * @param neverPauseConfigurationSets configuration sets never paused, by name
 * @param neverPauseTenants tenants never paused, by name
 * @param maxPausesPerHour at most this many pauses per account in any hour (default 3)
 */
public record ProtectionPolicy(
    Mode mode,
    Map<ScopeKind, Levels> levels,
    boolean allowAccountPause,
    Set<String> neverPauseConfigurationSets,
    Set<String> neverPauseTenants,
    int maxPausesPerHour) {

  /** What the protector does with a decision. */
  public enum Mode {
    OFF,
    DRY_RUN,
    ENFORCE;

    /** {@code dry_run}: the config's spelling. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ProtectionPolicy {
    levels = Map.copyOf(levels);
    neverPauseConfigurationSets = Set.copyOf(neverPauseConfigurationSets);
    neverPauseTenants = Set.copyOf(neverPauseTenants);
  }

  public static ProtectionPolicy defaults() {
    return new ProtectionPolicy(
        Mode.OFF,
        Map.of(
            ScopeKind.CONFIGURATION_SET, Levels.scopeDefaults(),
            ScopeKind.TENANT, Levels.scopeDefaults(),
            ScopeKind.ACCOUNT, Levels.accountDefaults()),
        false,
        Set.of(),
        Set.of(),
        3);
  }

  public Levels levels(ScopeKind type) {
    return levels.get(type);
  }

  /** True when the policy forbids pausing this scope by name. */
  public boolean neverPause(Scope scope) {
    return switch (scope.kind()) {
      case CONFIGURATION_SET -> neverPauseConfigurationSets.contains(scope.name());
      case TENANT -> neverPauseTenants.contains(scope.name());
      default -> false;
    };
  }
}
