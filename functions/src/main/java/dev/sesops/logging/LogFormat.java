package dev.sesops.logging;

import java.util.Locale;
import java.util.Map;

/**
 * How log lines look: JSON (Lambda, and whenever SES_OPS_LOG_FORMAT=json), plain text for a person
 * at a terminal, or off (the CLI prints its own messages only unless --verbose).
 */
public enum LogFormat {
  JSON,
  PLAIN,
  OFF;

  /** The system property a command-line entry point sets before the first logger is made. */
  public static final String PROPERTY = "sesops.log.format";

  /**
   * SES_OPS_LOG_FORMAT wins; then Lambda (always JSON, as CloudWatch Logs Insights expects); then
   * what the entry point asked for; then plain on a terminal, JSON otherwise.
   */
  static LogFormat resolve(Map<String, String> env, String requested, boolean terminal) {
    LogFormat explicit = parse(env.get("SES_OPS_LOG_FORMAT"));
    if (explicit != null) {
      return explicit;
    }
    if (env.containsKey("AWS_LAMBDA_FUNCTION_NAME") || env.containsKey("AWS_LAMBDA_RUNTIME_API")) {
      return JSON;
    }
    LogFormat asked = parse(requested);
    if (asked != null) {
      return asked;
    }
    return terminal ? PLAIN : JSON;
  }

  private static LogFormat parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Standard output and input are a terminal (JDK 22+ has a console even when redirected: ask it).
   */
  static boolean terminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
