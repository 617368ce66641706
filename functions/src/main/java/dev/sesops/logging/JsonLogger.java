package dev.sesops.logging;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One log line is one JSON object: timestamp, level, logger, message, MDC entries, error; or, in
 * {@link LogFormat#PLAIN}, the same facts as one line of text; {@link LogFormat#OFF} writes
 * nothing. Level from SES_OPS_LOG_LEVEL or AWS_LAMBDA_LOG_LEVEL (default INFO); the SDK's own
 * chatter is held at WARN.
 */
final class JsonLogger extends LegacyAbstractLogger {
  /**
   * MDC keys with this prefix carry a JSON value (written with the project's mapper), embedded as
   * is.
   */
  static final String RAW_PREFIX = "json.";

  private final transient PrintStream out;
  private final Level threshold;
  private final LogFormat format;

  JsonLogger(String name, Threshold threshold, PrintStream out) {
    this(name, threshold, LogFormat.JSON, out);
  }

  JsonLogger(String name, Threshold threshold, LogFormat format, PrintStream out) {
    this.name = name;
    this.out = out;
    this.threshold = threshold.forLogger(name);
    this.format = format;
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  private boolean enabled(Level level) {
    return format != LogFormat.OFF && level.toInt() >= threshold.toInt();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] args, Throwable t) {
    String message = MessageFormatter.basicArrayFormat(pattern, args);
    if (format == LogFormat.PLAIN) {
      out.println(plain(level, message, t));
      return;
    }
    StringBuilder sb = new StringBuilder(160);
    sb.append("{\"timestamp\":\"").append(Instant.now()).append('"');
    field(sb, "level", level.name());
    field(sb, "logger", shortName(name));
    field(sb, "message", message);
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    if (mdc != null) {
      mdc.forEach(
          (k, v) -> {
            if (k.startsWith(RAW_PREFIX) && v != null) {
              // a value the caller wrote as JSON goes in as JSON, not as an escaped string
              sb.append(",\"");
              escape(sb, k.substring(RAW_PREFIX.length()));
              sb.append("\":").append(v);
            } else {
              field(sb, k, v);
            }
          });
    }
    if (t != null) {
      // the exception type and message only: a stack trace can be switched on with DEBUG
      field(
          sb,
          "error",
          t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
      if (enabled(Level.DEBUG)) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        field(sb, "stack", sw.toString());
      }
    }
    sb.append('}');
    out.println(sb);
  }

  private String plain(Level level, String message, Throwable t) {
    StringBuilder sb = new StringBuilder(120);
    sb.append(Instant.now())
        .append(' ')
        .append(String.format("%-5s", level.name()))
        .append(' ')
        .append(shortName(name))
        .append(": ")
        .append(message.replaceAll("\\p{Cntrl}", " "));
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    if (mdc != null) {
      mdc.forEach(
          (k, v) ->
              sb.append(' ')
                  .append(k.startsWith(RAW_PREFIX) ? k.substring(RAW_PREFIX.length()) : k)
                  .append('=')
                  .append(v));
    }
    if (t != null) {
      sb.append(" (")
          .append(t.getClass().getName())
          .append(t.getMessage() == null ? "" : ": " + t.getMessage())
          .append(')');
    }
    return sb.toString();
  }

  private static String shortName(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }

  static void field(StringBuilder sb, String key, String value) {
    sb.append(",\"");
    escape(sb, key);
    sb.append("\":\"");
    escape(sb, value == null ? "" : value);
    sb.append('"');
  }

  static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
  }

  /** The configured level, and the floor for third-party loggers. */
  record Threshold(Level own, Level others) {
    static Threshold fromEnv(Map<String, String> env) {
      Level own =
          parse(env.getOrDefault("SES_OPS_LOG_LEVEL", env.get("AWS_LAMBDA_LOG_LEVEL")), Level.INFO);
      Level others = own.toInt() < Level.WARN.toInt() ? Level.WARN : own;
      return new Threshold(own, others);
    }

    Level forLogger(String name) {
      return name.startsWith("dev.sesops") ? own : others;
    }

    private static Level parse(String value, Level fallback) {
      if (value == null || value.isBlank()) {
        return fallback;
      }
      try {
        return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return fallback;
      }
    }
  }
}
