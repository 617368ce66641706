package dev.sesops.aws;

import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.Secret;
import dev.sesops.config.StaticKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: before Lambda takes the snapshot, load the hot classes and push one request
 * through each SDK client the functions use, so a restored function does not pay for class loading,
 * endpoint rules, signing and (un)marshalling on its first call. The requests go to an in-process
 * HTTP client that answers every call with an empty success, signed with made-up keys: nothing
 * leaves the process and no real credentials are used. Registered from the handlers' static init;
 * without CRaC (local runs, plain Lambda) registering is all that happens.
 */
public final class Priming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
  private static final Priming INSTANCE = new Priming();
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();

  private Priming() {}

  /**
   * Registers the hook once per JVM; the static field keeps it reachable until the checkpoint.
   * Returns whether this call registered it (false: it already was).
   */
  public static boolean register() {
    if (REGISTERED.compareAndSet(false, true)) {
      Core.getGlobalContext().register(INSTANCE);
      return true;
    }
    return false;
  }

  /**
   * Loads and exercises what the functions use on a cold start; returns how many calls went
   * through.
   */
  public static int prime() {
    AccountConfig account =
        new AccountConfig(
            "priming",
            "us-east-1",
            null,
            null,
            null,
            new StaticKeys("AKIAPRIMINGONLY00000", new Secret("priming-only"), null),
            List.of(),
            List.of(),
            null);
    int ok = 0;
    try (AccountClients clients =
        new AccountClients(
            new CannedHttpClient(), Region.US_EAST_1, AnonymousCredentialsProvider.create())) {
      List<Runnable> calls =
          List.of(
              () -> clients.sesV2(account).getAccount(b -> {}),
              () -> clients.ses(account).getSendQuota(),
              () -> clients.ses(account).listIdentities(b -> b.maxItems(100)),
              () ->
                  clients
                      .cloudWatch(account)
                      .getMetricData(
                          b ->
                              b.startTime(Instant.EPOCH)
                                  .endTime(Instant.EPOCH)
                                  .metricDataQueries(
                                      q ->
                                          q.id("bounce")
                                              .metricStat(
                                                  s ->
                                                      s.period(900)
                                                          .stat("Average")
                                                          .metric(
                                                              m ->
                                                                  m.namespace("AWS/SES")
                                                                      .metricName(
                                                                          "Reputation.BounceRate"))))),
              () ->
                  clients
                      .dynamoDb()
                      .getItem(
                          b ->
                              b.tableName("priming")
                                  .key(Map.of("pk", AttributeValue.fromS("priming")))),
              () ->
                  clients
                      .dynamoDb()
                      .query(
                          b ->
                              b.tableName("priming")
                                  .keyConditionExpression("pk = :pk")
                                  .expressionAttributeValues(
                                      Map.of(":pk", AttributeValue.fromS("priming")))),
              () -> clients.secretsManager().getSecretValue(b -> b.secretId("priming")),
              () -> clients.s3().headBucket(b -> b.bucket("priming")));
      for (Runnable call : calls) {
        try {
          call.run();
          ok++;
        } catch (RuntimeException e) {
          // priming is best effort: a shape the canned answer does not satisfy only loads fewer
          // classes
          LOG.debug("priming call failed: {}", e.getClass().getSimpleName());
        }
      }
    }
    // Jackson builds its (de)serializers on first use: a small round trip of the shapes we emit
    Json.read(
        Json.write(
            Map.of("summary", Map.of("accounts", 1), "accounts", List.of(Map.of("level", "OK")))));
    return ok;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    long start = System.nanoTime();
    int ok = prime();
    LOG.info(
        "primed {} SDK calls and JSON before the snapshot in {} ms",
        ok,
        (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing to refresh: the real clients are built after restore or hold no open connections
  }

  /** Answers every request with 200 and the smallest body its protocol accepts. */
  static final class CannedHttpClient implements SdkHttpClient {
    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          return answer(request.httpRequest());
        }

        @Override
        public void abort() {
          // nothing in flight
        }
      };
    }

    static HttpExecuteResponse answer(SdkHttpRequest request) {
      String contentType = request.firstMatchingHeader("Content-Type").orElse("");
      SdkHttpResponse.Builder response =
          SdkHttpResponse.builder().statusCode(200).putHeader("x-amzn-RequestId", "priming");
      byte[] body;
      if (contentType.contains("cbor")) {
        body = new byte[] {(byte) 0xA0}; // an empty CBOR map (Smithy RPC v2, CloudWatch)
        response
            .putHeader("Content-Type", "application/cbor")
            .putHeader("smithy-protocol", "rpc-v2-cbor");
      } else if (contentType.contains("x-www-form-urlencoded")) {
        String action =
            request.rawQueryParameters().getOrDefault("Action", List.of("Action")).get(0);
        body =
            ("<" + action + "Response><" + action + "Result/></" + action + "Response>")
                .getBytes(StandardCharsets.UTF_8);
        response.putHeader("Content-Type", "text/xml");
      } else if (request.host().startsWith("s3") || request.host().contains(".s3.")) {
        body = new byte[0];
      } else {
        body = "{}".getBytes(StandardCharsets.UTF_8);
        response.putHeader("Content-Type", "application/json");
      }
      response.putHeader("Content-Length", Integer.toString(body.length));
      return HttpExecuteResponse.builder()
          .response(response.build())
          .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
          .build();
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}
