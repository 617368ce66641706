package dev.sesops.aws;

import java.util.Objects;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Waits for the account's {@link Pacer} before every HTTP attempt, retries included: the SDK calls
 * {@code beforeTransmission} once per attempt, so a retried throttled call spends a permit too.
 */
final class PacingInterceptor implements ExecutionInterceptor {
  private final Pacer pacer;

  PacingInterceptor(Pacer pacer) {
    this.pacer = Objects.requireNonNull(pacer, "pacer");
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    pacer.acquire();
  }
}
