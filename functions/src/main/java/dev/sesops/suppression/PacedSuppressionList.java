package dev.sesops.suppression;

import dev.sesops.aws.Pacer;
import dev.sesops.ses.ImportJob;
import dev.sesops.ses.Page;
import dev.sesops.ses.SuppressedEntry;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Counts the calls made to a {@link SuppressionList}. Over the SDK the clients already pace every
 * attempt and retry throttling (see {@code AccountClients}), so no pacer is given; a list with no
 * SDK client underneath (a fake on simulated time) can be given a {@link Pacer} to keep the
 * account's pace.
 */
public final class PacedSuppressionList implements SuppressionList {
  private final SuppressionList delegate;
  private final Pacer pacer;
  private long calls;
  private long throttled;

  /** Over an SDK-backed list: the client paces and retries. */
  public PacedSuppressionList(SuppressionList delegate) {
    this(delegate, null);
  }

  /**
   * Over a list without an SDK client: {@code pacer} (may be null) stands in for the client's
   * pacing.
   */
  public PacedSuppressionList(SuppressionList delegate, Pacer pacer) {
    this.delegate = delegate;
    this.pacer = pacer;
  }

  @Override
  public Page<SuppressedEntry> list(ListFilter filter, String nextToken) {
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
    paced(
        "PutSuppressedDestination",
        () -> {
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

  /** Calls made through this list (the client's own retries are counted by the account's pacer). */
  public synchronized long calls() {
    return calls;
  }

  /** Calls that failed with throttling after the client's retries. */
  public synchronized long throttled() {
    return throttled;
  }

  private <T> T paced(String operation, Supplier<T> op) {
    if (pacer != null) {
      pacer.acquire();
    }
    synchronized (this) {
      calls++;
    }
    try {
      return op.get();
    } catch (SuppressionListException e) {
      if (e.throttled()) {
        synchronized (this) {
          throttled++;
        }
      }
      throw e;
    }
  }
}
