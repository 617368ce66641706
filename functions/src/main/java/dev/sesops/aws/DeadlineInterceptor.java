package dev.sesops.aws;

import dev.sesops.common.Deadline;
import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Bounds every request by the thread's {@link CallDeadline}: {@code apiCallTimeout} is the time
 * left (at most 60 s), {@code apiCallAttemptTimeout} at most 10 s of it. A request with no time
 * left fails at once with the SDK's own {@link ApiCallTimeoutException}, as a timed-out call would.
 */
final class DeadlineInterceptor implements ExecutionInterceptor {
  static final DeadlineInterceptor INSTANCE = new DeadlineInterceptor();

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    Deadline d = CallDeadline.current();
    if (d == null || !(context.request() instanceof AwsRequest request)) {
      return context.request();
    }
    Duration left = d.remaining();
    if (left.compareTo(CallDeadline.MIN_CALL) < 0) {
      throw ApiCallTimeoutException.builder()
          .message("the run's deadline has passed; the call was not made")
          .build();
    }
    Duration call = min(left, CallDeadline.MAX_CALL);
    Duration attempt = min(call, CallDeadline.MAX_ATTEMPT);
    AwsRequestOverrideConfiguration.Builder o =
        request
            .overrideConfiguration()
            .map(AwsRequestOverrideConfiguration::toBuilder)
            .orElseGet(AwsRequestOverrideConfiguration::builder);
    return request.toBuilder()
        .overrideConfiguration(o.apiCallTimeout(call).apiCallAttemptTimeout(attempt).build())
        .build();
  }

  /**
   * The SDK ends a timed-out sync call by interrupting the calling thread; with the URLConnection
   * client the flag can outlive the call and fail the thread's next calls (alert state, SNS) at
   * once.
   */
  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    if (context.exception() instanceof ApiCallTimeoutException) {
      Thread.interrupted();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
