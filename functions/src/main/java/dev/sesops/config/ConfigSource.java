package dev.sesops.config;

/**
 * Where the config document comes from: a Secrets Manager secret (deployed) or a file (local runs).
 */
public interface ConfigSource {
  /** The current document, parsed and validated. */
  SesOpsConfig load();

  /** A short description for messages: never the content. */
  String describe();
}
