package dev.sesops.aws;

import java.util.Objects;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Waits for the account's {@link AccountPacer} before every HTTP attempt, retries included: the SDK
 * calls {@code beforeTransmission} once per attempt, so a retried throttled call spends its
 * operation's slot again. The operation is the SDK's own name for it ({@code Ses.GetSendQuota}).
 */
final class PacingInterceptor implements ExecutionInterceptor {
  private final AccountPacer pacer;

  PacingInterceptor(AccountPacer pacer) {
    this.pacer = Objects.requireNonNull(pacer, "pacer");
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    pacer.acquire(operation(attributes));
  }

  static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
        + "."
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }
}
