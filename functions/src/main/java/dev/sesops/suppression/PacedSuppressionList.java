package dev.sesops.suppression;

import dev.sesops.aws.Pacer;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link SuppressionList} to the account's SES control-plane rate: every call waits for the
 * {@link Pacer}; a throttled call backs off (doubling, capped) and is tried again, up to a limit, so a
 * burst of 429s slows the run down instead of failing it. Counts the calls it made.
 */
public final class PacedSuppressionList implements SuppressionList {
  private static final Logger LOG = LoggerFactory.getLogger(PacedSuppressionList.class);

  private final SuppressionList delegate;
  private final Pacer pacer;
  private final int maxThrottleRetries;
  private final long firstBackoffMillis;
  private final long maxBackoffMillis;
  private long calls;
  private long throttled;

  /** Backs off 1 s, 2 s, 4 s ... up to 20 s, at most 6 times per call. */
  public PacedSuppressionList(SuppressionList delegate, Pacer pacer) {
    this(delegate, pacer, 6, 1000, 20_000);
  }

  public PacedSuppressionList(SuppressionList delegate, Pacer pacer, int maxThrottleRetries, long firstBackoffMillis, long maxBackoffMillis) {
    this.delegate = delegate;
    this.pacer = pacer;
    this.maxThrottleRetries = maxThrottleRetries;
    this.firstBackoffMillis = firstBackoffMillis;
    this.maxBackoffMillis = maxBackoffMillis;
  }

  @Override
  public SuppressedPage list(ListFilter filter, String nextToken) {
    return paced("ListSuppressedDestinations", () -> delegate.list(filter, nextToken));
  }

  @Override
  public Optional<SuppressedEntry> get(String emailAddress) {
    return paced("GetSuppressedDestination", () -> delegate.get(emailAddress));
  }

  @Override
  public boolean delete(String emailAddress) {
    return paced("DeleteSuppressedDestination", () -> delegate.delete(emailAddress));
  }

  @Override
  public void put(String emailAddress, String reason) {
    paced("PutSuppressedDestination", () -> {
      delegate.put(emailAddress, reason);
      return null;
    });
  }

  @Override
  public String createImportJob(String s3Url, ImportAction action, String dataFormat) {
    return paced("CreateImportJob", () -> delegate.createImportJob(s3Url, action, dataFormat));
  }

  @Override
  public ImportJob getImportJob(String jobId) {
    return paced("GetImportJob", () -> delegate.getImportJob(jobId));
  }

  @Override
  public boolean productionAccess() {
    return paced("GetAccount", delegate::productionAccess);
  }

  /** SES calls made through this list (each retry counts). */
  public synchronized long calls() {
    return calls;
  }

  /** Calls answered with throttling. */
  public synchronized long throttled() {
    return throttled;
  }

  private <T> T paced(String operation, Supplier<T> op) {
    long backoff = firstBackoffMillis;
    for (int attempt = 0; ; attempt++) {
      pacer.acquire();
      synchronized (this) {
        calls++;
      }
      try {
        return op.get();
      } catch (SuppressionListException e) {
        if (!e.throttled() || attempt >= maxThrottleRetries) {
          throw e;
        }
        synchronized (this) {
          throttled++;
        }
        LOG.warn("{} throttled, backing off {} ms (attempt {} of {})", operation, backoff, attempt + 1, maxThrottleRetries);
        pacer.backOff(backoff);
        backoff = Math.min(maxBackoffMillis, backoff * 2);
      }
    }
  }
}
