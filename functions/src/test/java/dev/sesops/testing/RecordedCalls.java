package dev.sesops.testing;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Every AWS operation any SDK client in the test JVM makes while recording, as its IAM action
 * ({@code ses:GetDedicatedIps}, {@code cloudwatch:GetMetricData}). The SDK loads it for every
 * client from {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test
 * class path, so the code under test needs no seam; the permission tests compare what it saw with
 * the roles.
 */
public final class RecordedCalls implements ExecutionInterceptor {
  private static final Set<String> CALLS = new ConcurrentSkipListSet<>();
  private static final List<AssumedRole> ASSUMED = new CopyOnWriteArrayList<>();
  private static volatile boolean recording;

  /** One AssumeRole request as sent: its session name, source identity and session policy. */
  public record AssumedRole(String sessionName, String sourceIdentity, String policy) {}

  /** Starts a fresh recording. */
  public static synchronized void start() {
    CALLS.clear();
    ASSUMED.clear();
    recording = true;
  }

  /** Stops and returns what was recorded, sorted. */
  public static synchronized Set<String> stop() {
    recording = false;
    return new TreeSet<>(CALLS);
  }

  /** The AssumeRole requests of the last recording, in order. */
  public static List<AssumedRole> assumedRoles() {
    return List.copyOf(ASSUMED);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (recording && context.request() instanceof AssumeRoleRequest r) {
      ASSUMED.add(new AssumedRole(r.roleSessionName(), r.sourceIdentity(), r.policy()));
    }
    if (recording) {
      if (context.request() instanceof TransactWriteItemsRequest t) {
        // no IAM action of its own: each item is authorized as its own write
        t.transactItems().forEach(i -> CALLS.addAll(transactItem(i)));
        return;
      }
      if (context.request() instanceof TransactGetItemsRequest) {
        CALLS.add("dynamodb:GetItem");
        return;
      }
      CALLS.add(
          iamAction(
              attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
              attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
    }
  }

  /** The IAM actions DynamoDB checks for one item of a {@code TransactWriteItems}. */
  static Set<String> transactItem(TransactWriteItem i) {
    Set<String> out = new TreeSet<>();
    if (i.put() != null) {
      out.add("dynamodb:PutItem");
    }
    if (i.update() != null) {
      out.add("dynamodb:UpdateItem");
    }
    if (i.delete() != null) {
      out.add("dynamodb:DeleteItem");
    }
    if (i.conditionCheck() != null) {
      out.add("dynamodb:ConditionCheckItem");
    }
    return out;
  }

  /**
   * The IAM action of an SDK operation: SES v1 and v2 share the {@code ses:} prefix; the S3
   * operations named otherwise in IAM by the action that authorizes them ({@code ListObjectsV2} is
   * {@code s3:ListBucket}, {@code HeadObject} is {@code s3:GetObject}).
   */
  static String iamAction(String service, String operation) {
    String s = service.toLowerCase(Locale.ROOT);
    String prefix = s.startsWith("ses") ? "ses" : s.equals("cloudwatch") ? "cloudwatch" : s;
    if (prefix.equals("s3")) {
      operation =
          switch (operation) {
            case "ListObjectsV2", "ListObjects", "HeadBucket" -> "ListBucket";
            case "HeadObject" -> "GetObject";
            default -> operation;
          };
    }
    return prefix + ":" + operation;
  }
}
