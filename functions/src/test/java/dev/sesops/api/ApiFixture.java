package dev.sesops.api;

import dev.sesops.common.Json;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.testing.FixedConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A SesOpsApi over in-memory fakes, and helpers to call it. */
final class ApiFixture {
  static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  static final String CONFIG =
      """
      {"accounts": {
         "production": {"region": "us-east-1", "description": "Production SES account",
                        "role_arn": "arn:aws:iam::111122223333:role/ses-ops"},
         "legacy": {"region": "eu-west-1", "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
                    "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}},
       "test_recipients": ["qa@example.com"]}
      """;

  final InMemorySesAccount ses = new InMemorySesAccount();
  final List<String> monitorRuns = new ArrayList<>();
  MxLookup.Result mx = new MxLookup.Result("FOUND", List.of("mx.example.com"));
  final SesOpsApi api;
  final dev.sesops.signals.InMemorySignalSource signals =
      new dev.sesops.signals.InMemorySignalSource();

  ApiFixture() {
    SesOpsConfig config = ConfigParser.parse(CONFIG);
    ConfigSource source = FixedConfig.of(config);
    api =
        new SesOpsApi(
            source,
            a -> ses,
            d -> mx,
            (a, notify, deadline, requestId) -> {
              monitorRuns.add(a.name() + ":" + notify);
              return new Runners.Result("WARNING", Map.of("checks", 3));
            },
            (a, deadline, requestId) -> new Runners.Result("OK", Map.of("findings", List.of())),
            (a, dryRun, deadline, requestId) -> new Runners.Result("OK", Map.of("removed", 0)),
            Clock.fixed(NOW, ZoneOffset.UTC),
            java.time.Duration.ofSeconds(25),
            EventsRoutes.Services.unavailable(),
            new dev.sesops.signals.TenantReader(signals));
  }

  ApiResponse call(String method, String path) {
    return call(method, path, Map.of(), null);
  }

  ApiResponse call(String method, String path, Map<String, String> query, String body) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    query.forEach((k, v) -> q.put(k, List.of(v)));
    return api.handle(new ApiRequest(method, path, q, Map.of(), body, "req-1"));
  }

  static String text(ApiResponse r) {
    return new String(
        Json.write(r.body()).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
