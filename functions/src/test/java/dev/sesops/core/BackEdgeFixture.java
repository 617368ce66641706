package dev.sesops.core;

import dev.sesops.config.ProtectionPolicy;

/**
 * A deliberate back-edge for {@code ArchitectureTest}: core naming a config type while config names
 * core's {@link Scope}. Test code only; the rules must report it.
 */
final class BackEdgeFixture {
  private BackEdgeFixture() {}

  static boolean neverPaused(ProtectionPolicy policy, Scope scope) {
    return policy.neverPause(scope);
  }
}
