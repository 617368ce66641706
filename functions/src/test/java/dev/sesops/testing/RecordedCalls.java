package dev.sesops.testing;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Every AWS operation any SDK client in the test JVM makes while recording, as its IAM action
 * ({@code ses:GetDedicatedIps}, {@code cloudwatch:GetMetricData}). The SDK loads it for every
 * client from {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test
 * class path, so the code under test needs no seam; the permission tests compare what it saw with
 * the roles.
 */
public final class RecordedCalls implements ExecutionInterceptor {
  private static final Set<String> CALLS = new ConcurrentSkipListSet<>();
  private static volatile boolean recording;

  /** Starts a fresh recording. */
  public static synchronized void start() {
    CALLS.clear();
    recording = true;
  }

  /** Stops and returns what was recorded, sorted. */
  public static synchronized Set<String> stop() {
    recording = false;
    return new TreeSet<>(CALLS);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (recording) {
      CALLS.add(
          iamAction(
              attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
              attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
    }
  }

  /** The IAM action of an SDK operation: SES v1 and v2 share the {@code ses:} prefix. */
  static String iamAction(String service, String operation) {
    String s = service.toLowerCase(Locale.ROOT);
    String prefix = s.startsWith("ses") ? "ses" : s.equals("cloudwatch") ? "cloudwatch" : s;
    return prefix + ":" + operation;
  }
}
