package dev.sesops.cli;

import dev.sesops.api.ApiRequest;
import dev.sesops.api.ApiResponse;
import dev.sesops.api.SesOpsApi;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code --local}: the same API in-process, straight to SES with the config file, as the helper did. */
final class LocalTransport implements Transport {
  private final SesOpsApi api;

  LocalTransport(SesOpsApi api) {
    this.api = api;
  }

  @Override
  public Response send(String method, String encodedPath, Map<String, List<String>> query, String body) {
    ApiResponse r = api.handle(new ApiRequest(method, encodedPath, query, Map.of(), body, "local-" + UUID.randomUUID()));
    return new Response(r.status(), r.body());
  }
}
