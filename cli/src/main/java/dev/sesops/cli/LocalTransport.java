package dev.sesops.cli;

import dev.sesops.api.ApiRequest;
import dev.sesops.api.ApiResponse;
import dev.sesops.api.SesOpsApi;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code --local}: the same API in-process, straight to SES with the config file, as the helper
 * did. A change names its caller in the action log as API Gateway would: the credentials' STS
 * identity.
 */
final class LocalTransport implements Transport {
  private final SesOpsApi api;
  private final Supplier<String> caller;

  /**
   * @param caller the caller's principal ARN, asked only for a change (null when it cannot be
   *     known)
   */
  LocalTransport(SesOpsApi api, Supplier<String> caller) {
    this.api = api;
    this.caller = caller;
  }

  /**
   * STS GetCallerIdentity with the default chain; null (an "unknown caller" in the log) when it
   * fails.
   */
  static String stsCaller(Map<String, String> env) {
    try (StsClient sts =
        StsClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(
                Region.of(
                    env.getOrDefault(
                        "AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"))))
            .build()) {
      return sts.getCallerIdentity().arn();
    } catch (SdkException e) {
      return null;
    }
  }

  @Override
  public Response send(
      String method, String encodedPath, Map<String, List<String>> query, String body) {
    // reads need no caller: no STS round trip for them
    String who = method.equals("GET") ? null : caller.get();
    ApiResponse r =
        api.handle(
            new ApiRequest(
                method, encodedPath, query, Map.of(), body, "local-" + UUID.randomUUID(), who));
    return new Response(r.status(), r.body());
  }
}
