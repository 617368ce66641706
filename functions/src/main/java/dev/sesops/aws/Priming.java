package dev.sesops.aws;

import dev.sesops.common.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SnapStart priming: before Lambda takes the snapshot, load the hot classes and run one request
 * through each SDK client we use, so a restored function does not pay for class loading, endpoint
 * rules and marshallers on its first call. The SDK's own warm-up does the requests against a canned
 * in-memory HTTP response with anonymous credentials: nothing leaves the process and no real
 * credentials are used. Registered from the handlers' static init; without CRaC (local runs, plain
 * Lambda) registering is all that happens.
 */
public final class Priming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
  private static final Priming INSTANCE = new Priming();
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();

  private Priming() {}

  /** Registers the hook once per JVM (the CRaC context holds it until the checkpoint). */
  public static void register() {
    if (REGISTERED.compareAndSet(false, true)) {
      Core.getGlobalContext().register(INSTANCE);
    }
  }

  /** Loads and exercises what the functions use on a cold start; safe to call more than once. */
  public static void prime() {
    SdkWarmUp.warmUp(SesV2Client.class, SesClient.class, CloudWatchClient.class, SnsClient.class,
        DynamoDbClient.class, SecretsManagerClient.class, S3Client.class, StsClient.class);
    // Jackson builds its (de)serializers on first use: a small round trip of the shapes we emit
    Json.read(Json.write(Map.of("summary", Map.of("accounts", 1), "accounts", List.of(Map.of("level", "OK")))));
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    long start = System.nanoTime();
    prime();
    LOG.info("primed SDK clients and JSON before the snapshot in {} ms", (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing to refresh: clients hold no connections across the snapshot (URLConnection opens per call)
  }
}
