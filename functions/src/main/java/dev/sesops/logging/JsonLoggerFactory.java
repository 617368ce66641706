package dev.sesops.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

final class JsonLoggerFactory implements ILoggerFactory {
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final JsonLogger.Threshold threshold;
  private final LogFormat format;

  JsonLoggerFactory(JsonLogger.Threshold threshold, LogFormat format) {
    this.threshold = threshold;
    this.format = format;
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> new JsonLogger(n, threshold, format, System.err));
  }
}
