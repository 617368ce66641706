package dev.sesops.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.ConfigSource;
import dev.sesops.events.EventDestinations;
import dev.sesops.ses.SesGateway;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.Grants;
import dev.sesops.testing.RecordedCalls;
import dev.sesops.testing.Sdk;
import dev.sesops.wiring.EventsFunction;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The events routes over the real SDK: {@code sources} reads counters the events processor wrote to
 * moto DynamoDB; {@code event-destination} calls SES v2 on WireMock (moto 5.1 has no SES v2 event
 * destinations), shaped as the SDK marshals it.
 */
class EventsRoutesIT {
  private static final String CONFIG =
      """
      {"accounts": {"production": {"region": "us-east-1", "aws_account_id": "111122223333",
                                   "aws_access_key_id": "AKIAPRODUCTION000001", "aws_secret_access_key": "production-secret"},
                    "other": {"region": "us-east-1", "aws_access_key_id": "AKIAOTHER00000000001", "aws_secret_access_key": "other-secret"}}}""";

  private WireMockServer wiremock;
  private AccountClients clients;
  private DynamoDbClient dynamo;
  private SesOpsApi api;
  private String table;
  private Instant now;

  @BeforeEach
  void setUp() {
    Emulator.pointSdkAt(Emulator.moto());
    wiremock = new WireMockServer(options().dynamicPort());
    wiremock.start();
    Emulator.pointServiceAt("SesV2", URI.create(wiremock.baseUrl()));
    dynamo = Sdk.dynamoDb();
    table = "ses-ops-state-" + UUID.randomUUID().toString().substring(0, 8);
    Sdk.createStateTable(dynamo, table);
    Settings settings =
        Settings.fromEnv(
            Map.of(
                "SES_OPS_STATE_TABLE",
                table,
                "SES_OPS_ALERT_TOPIC_ARN",
                "arn:aws:sns:us-east-1:123456789012:none",
                "AWS_REGION",
                "us-east-1"));
    clients = new AccountClients("us-east-1");
    now = Instant.now();
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    ConfigSource config = FixedConfig.of(ConfigParser.parse(CONFIG));
    // counters through the real events processor (below every alert level, so no topic is needed)
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    int n = 0;
    for (String cs : List.of("news", "receipts")) {
      for (int i = 0; i < (cs.equals("news") ? 10 : 20); i++) {
        records
            .addObject()
            .put("messageId", "m" + (n++))
            .put("body", eb(i < 3 && cs.equals("news") ? "Email Bounced" : "Email Sent", cs));
      }
    }
    Settings withFile = settings;
    dev.sesops.events.EventsProcessor processor =
        EventsFunction.processor(withFile, clients, clock, config);
    assertThat(processor.process(event).retry()).isEmpty();
    api =
        new SesOpsApi(
            config,
            a -> null,
            d -> null,
            (a, x, y, z) -> null,
            (a, y, z) -> null,
            (a, x, y, z) -> null,
            clock,
            Duration.ofSeconds(25),
            new EventsRoutes.Services(
                () -> EventsFunction.sources(settings, clients),
                a -> new EventDestinations(SesGateway.of(clients, a))));
  }

  private String eb(String type, String cs) {
    ObjectNode e =
        Json.object()
            .put("id", UUID.randomUUID().toString())
            .put("detail-type", type)
            .put("source", "aws.ses")
            .put("account", "111122223333");
    ObjectNode d =
        e.putObject("detail").put("eventType", type.equals("Email Sent") ? "Send" : "Bounce");
    ObjectNode mail =
        d.putObject("mail")
            .put("timestamp", now.toString())
            .put("sendingAccountId", "111122223333")
            .put("source", "noreply@" + cs + ".example");
    mail.putArray("destination").add("someone@example.net");
    mail.putObject("tags").putArray("ses:configuration-set").add(cs);
    if (!type.equals("Email Sent")) {
      d.putObject("bounce")
          .put("bounceType", "Permanent")
          .put("timestamp", now.toString())
          .putArray("bouncedRecipients")
          .addObject()
          .put("emailAddress", "someone@example.net");
    }
    return Json.write(e);
  }

  @AfterEach
  void tearDown() {
    Emulator.clearSdkProperties();
    clients.close();
    dynamo.close();
    wiremock.stop();
  }

  private ApiResponse call(String method, String path, Map<String, String> query) {
    Map<String, List<String>> q = new java.util.LinkedHashMap<>();
    query.forEach((k, v) -> q.put(k, List.of(v)));
    return api.handle(new ApiRequest(method, path, q, Map.of(), null, "req-1"));
  }

  @Test
  void sources_ranksConfigurationSetsWorstFirst_withCountsAndRates() {
    ApiResponse r =
        call(
            "GET",
            "/accounts/production/sources",
            Map.of("by", "configuration-set", "window", "1h"));

    assertThat(r.status()).isEqualTo(200);
    JsonNode rows = ((JsonNode) r.body()).path("rows");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).path("scope").asText()).isEqualTo("configuration-set:news");
    assertThat(rows.get(0).path("sends").asLong()).isEqualTo(7);
    assertThat(rows.get(0).path("hard_bounces").asLong()).isEqualTo(3);
    assertThat(rows.get(0).path("bounce_rate").asDouble()).isEqualTo(42.86);
    assertThat(rows.get(1).path("scope").asText()).isEqualTo("configuration-set:receipts");
    assertThat(((JsonNode) r.body()).path("window").asText()).isEqualTo("1h");
  }

  @Test
  void sources_badParameters_are400WithTheParameterNamed() {
    ApiResponse by = call("GET", "/accounts/production/sources", Map.of("by", "campaign"));
    ApiResponse window = call("GET", "/accounts/production/sources", Map.of("window", "7d"));

    assertThat(by.status()).isEqualTo(400);
    assertThat(Json.write(by.body())).contains("by");
    assertThat(window.status()).isEqualTo(400);
    assertThat(Json.write(window.body())).contains("window");
    assertThat(call("GET", "/accounts/nobody/sources", Map.of()).status()).isEqualTo(404);
  }

  @Test
  void connectEvents_isADryRunByDefault_appliesTheEventBridgeDestination_andUndoes() {
    String path = "/v2/email/configuration-sets/news/event-destinations";
    wiremock.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("{}")));
    wiremock.stubFor(
        delete(urlEqualTo(path + "/ses-ops-events"))
            .willReturn(aResponse().withStatus(200).withBody("{}")));

    RecordedCalls.start();
    ApiResponse dry =
        call("POST", "/accounts/production/config-sets/news/event-destination", Map.of());
    assertThat(dry.status()).isEqualTo(200);
    assertThat(((JsonNode) dry.body()).path("action").asText()).isEqualTo("planned");
    assertThat(wiremock.getAllServeEvents()).isEmpty();

    ApiResponse applied =
        call(
            "POST",
            "/accounts/production/config-sets/news/event-destination",
            Map.of("apply", "true"));
    assertThat(((JsonNode) applied.body()).path("action").asText()).isEqualTo("created");
    wiremock.verify(
        postRequestedFor(urlEqualTo(path))
            .withRequestBody(
                equalToJson(
                    """
        {"EventDestinationName": "ses-ops-events",
         "EventDestination": {"Enabled": true,
           "MatchingEventTypes": ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT", "DELIVERY_DELAY"],
           "EventBridgeDestination": {"EventBusArn": "arn:aws:events:us-east-1:111122223333:event-bus/default"}}}""")));

    ApiResponse removed =
        call(
            "POST",
            "/accounts/production/config-sets/news/event-destination",
            Map.of("apply", "true", "remove", "true"));
    assertThat(((JsonNode) removed.body()).path("action").asText()).isEqualTo("removed");
    wiremock.verify(deleteRequestedFor(urlEqualTo(path + "/ses-ops-events")));
    // the write route's calls: granted by the API's role and its write session
    assertThat(Grants.assertGranted("api", "api-write", RecordedCalls.stop()))
        .contains(
            "ses:CreateConfigurationSetEventDestination",
            "ses:DeleteConfigurationSetEventDestination");
  }

  @Test
  void connectEvents_existingDestination_isReported_andAnAccountWithoutItsIdNeedsTheBus() {
    wiremock.stubFor(
        post(urlEqualTo("/v2/email/configuration-sets/news/event-destinations"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("x-amzn-ErrorType", "AlreadyExistsException")
                    .withBody("{\"message\":\"exists\"}")));
    wiremock.stubFor(
        post(urlEqualTo("/v2/email/configuration-sets/gone/event-destinations"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("x-amzn-ErrorType", "NotFoundException")
                    .withBody("{\"message\":\"no such set\"}")));

    assertThat(
            ((JsonNode)
                    call(
                            "POST",
                            "/accounts/production/config-sets/news/event-destination",
                            Map.of("apply", "true"))
                        .body())
                .path("action")
                .asText())
        .isEqualTo("exists");
    assertThat(
            call(
                    "POST",
                    "/accounts/production/config-sets/gone/event-destination",
                    Map.of("apply", "true"))
                .status())
        .isEqualTo(404);
    ApiResponse noId = call("POST", "/accounts/other/config-sets/news/event-destination", Map.of());
    assertThat(noId.status()).isEqualTo(400);
    assertThat(Json.write(noId.body())).contains("event_bus");
  }
}
