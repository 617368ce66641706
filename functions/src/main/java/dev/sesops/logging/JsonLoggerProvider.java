package dev.sesops.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J binding that writes one JSON object (or one plain line, see {@link LogFormat}) per line to
 * stderr: small, fast to start.
 */
public final class JsonLoggerProvider implements SLF4JServiceProvider {
  private ILoggerFactory factory;
  private IMarkerFactory markers;
  private MDCAdapter mdc;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    factory =
        new JsonLoggerFactory(
            JsonLogger.Threshold.fromEnv(System.getenv()),
            LogFormat.resolve(
                System.getenv(), System.getProperty(LogFormat.PROPERTY), LogFormat.terminal()));
    markers = new BasicMarkerFactory();
    mdc = new BasicMDCAdapter();
  }
}
