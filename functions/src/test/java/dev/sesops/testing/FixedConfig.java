package dev.sesops.testing;

import dev.sesops.config.ConfigParser;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;

/**
 * A {@link ConfigSource} that always answers the same document: the in-memory config for unit
 * tests.
 */
public final class FixedConfig implements ConfigSource {
  private final SesOpsConfig config;

  private FixedConfig(SesOpsConfig config) {
    this.config = config;
  }

  public static ConfigSource of(SesOpsConfig config) {
    return new FixedConfig(config);
  }

  /**
   * Parses {@code json} with the real parser, so a test's document is validated like a deployed
   * one.
   */
  public static ConfigSource of(String json) {
    return of(ConfigParser.parse(json));
  }

  @Override
  public SesOpsConfig load() {
    return config;
  }

  @Override
  public String describe() {
    return "fixed test config";
  }
}
