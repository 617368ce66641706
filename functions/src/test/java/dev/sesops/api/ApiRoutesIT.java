package dev.sesops.api;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import dev.sesops.local.LocalContext;
import dev.sesops.permissions.SesPermissions;
import dev.sesops.testing.Grants;
import dev.sesops.testing.RecordedCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route end to end: the sample API Gateway events in events/api through the real handler, the
 * real SDK clients over HTTP to moto and WireMock. The events run in the order a person would go
 * (verify before sending, look before removing).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiRoutesIT {
  /** Event file to expected status, in the order they run. */
  private static final Map<String, Integer> EVENTS = new LinkedHashMap<>();

  static {
    EVENTS.put("accounts", 200);
    EVENTS.put("verify-email", 202);
    EVENTS.put("verify-domain", 202);
    EVENTS.put("identities-emails", 200);
    EVENTS.put("identities-domains", 200);
    EVENTS.put("identity", 200);
    EVENTS.put("dkim", 200);
    EVENTS.put("enable-dkim", 200);
    EVENTS.put("notifications", 200);
    EVENTS.put("config-sets", 200);
    EVENTS.put("send-test", 200);
    EVENTS.put("quota", 200);
    EVENTS.put("stats", 200);
    EVENTS.put("reputation", 200);
    EVENTS.put("suppressed", 200);
    EVENTS.put("suppression-details", 200);
    EVENTS.put("remove-suppression", 200);
    EVENTS.put("debug", 200);
    EVENTS.put("monitor", 200);
    EVENTS.put("audit", 200);
    EVENTS.put("suppression-cleanup", 200);
    EVENTS.put("actions", 200);
    EVENTS.put("resume", 409);
    EVENTS.put("domain-dmarc", 200);
    EVENTS.put("edge-plus-address", 200);
    EVENTS.put("edge-base64-body", 202);
    EVENTS.put("edge-idn-identity", 200);
    EVENTS.put("malformed-unknown-account", 404);
    EVENTS.put("malformed-bad-email", 400);
    EVENTS.put("malformed-double-encoded", 400);
    EVENTS.put("malformed-body", 400);
    EVENTS.put("malformed-wrong-type", 400);
    EVENTS.put("malformed-send-test-recipient", 403);
    EVENTS.put("malformed-send-test-sender", 403);
    EVENTS.put("malformed-method", 405);
    EVENTS.put("malformed-unknown-route", 404);
    EVENTS.put("malformed-traversal", 400);
    EVENTS.put("malformed-limit", 400);
    EVENTS.put("malformed-too-large", 413);
  }

  private ApiEmulator emu;
  private final Map<String, JsonNode> bodies = new LinkedHashMap<>();

  @BeforeAll
  void start() throws IOException {
    emu = new ApiEmulator();
  }

  @AfterAll
  void stop() throws IOException {
    emu.close();
  }

  static Stream<Arguments> events() {
    return EVENTS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @Test
  void everySampleEvent_isCoveredHere() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(Path.of("..", "events", "api"))) {
      s.forEach(p -> files.add(p.getFileName().toString().replace(".json", "")));
    }
    assertThat(files).isEqualTo(new TreeSet<>(EVENTS.keySet()));
  }

  /** The AWS calls of the read routes (GET) and of the others, recorded while the events run. */
  private final Map<String, Set<String>> callsByClass = new TreeMap<>();

  private final List<RecordedCalls.AssumedRole> assumed = new ArrayList<>();

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("events")
  @Order(1)
  void sampleEvent_getsItsStatus_throughTheRealHandler(String name, int status) throws IOException {
    String event = read(name);
    String method = Json.read(event).path("httpMethod").asText();
    RecordedCalls.start();
    JsonNode response;
    try {
      response = handle(event);
    } finally {
      callsByClass
          .computeIfAbsent(method.equals("GET") ? "api-read" : "api-write", k -> new TreeSet<>())
          .addAll(RecordedCalls.stop());
      assumed.addAll(RecordedCalls.assumedRoles());
    }
    JsonNode body = Json.read(response.path("body").asText());
    assertThat(response.path("statusCode").asInt()).as(name + ": " + body).isEqualTo(status);
    assertThat(response.path("headers").path("Content-Type").asText())
        .startsWith("application/json");
    assertThat(response.path("body").asText()).doesNotContain("\tat ", "java.lang.", "Caused by");
    if (status >= 400) {
      assertThat(body.at("/error/code").asText()).isNotBlank();
      assertThat(body.at("/error/request_id").asText())
          .isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    }
    bodies.put(name, body);
    check(name, body, response);
  }

  @Test
  @Order(2)
  void everyRoute_callsOnlyWhatTheApiRoleAndItsRouteClassSessionGrant_namingTheCaller() {
    Set<String> read = callsByClass.get("api-read");
    Set<String> write = callsByClass.get("api-write");
    System.out.println("API read routes made " + read);
    System.out.println("API write routes made " + write);
    Set<String> readMember = Grants.assertGranted("api", "api-read", read);
    Set<String> writeMember = Grants.assertGranted("api", "api-write", write);
    assertThat(readMember).allMatch(SesPermissions::isRead).contains("ses:GetSendQuota");
    assertThat(writeMember)
        .contains("ses:SendEmail", "ses:DeleteSuppressedDestination", "ses:SetIdentityDkimEnabled");
    // the member sessions on the wire: one per route class, each naming the caller
    assertThat(assumed)
        .extracting(RecordedCalls.AssumedRole::sessionName)
        .contains("ses-ops-api-read", "ses-ops-api-write")
        .allMatch(n -> n.equals("ses-ops-api-read") || n.equals("ses-ops-api-write"));
    assertThat(assumed)
        .allSatisfy(
            a -> {
              assertThat(a.sourceIdentity()).isEqualTo("user.ops");
              assertThat(a.policy())
                  .isEqualTo(SesPermissions.sessionPolicy(a.sessionName().substring(8)));
            });
    // the reverse: each SES grant of the API's own list is a call some route made
    Set<String> unused = new TreeSet<>(SesPermissions.API_ONLY);
    unused.removeAll(readMember);
    unused.removeAll(writeMember);
    assertThat(unused).isSubsetOf(API_GRANTS_RECORDED_ELSEWHERE.keySet());
  }

  /**
   * API grants whose routes have no sample event here, each the one SES call of its route, and the
   * test that runs that route.
   */
  static final Map<String, String> API_GRANTS_RECORDED_ELSEWHERE =
      Map.of(
          "ses:CreateConfigurationSetEventDestination",
          "EventsRoutesIT.connectEvents_isADryRunByDefault... (recorded there, write session)",
          "ses:DeleteConfigurationSetEventDestination",
          "EventsRoutesIT.connectEvents_isADryRunByDefault... (recorded there, write session)",
          "ses:GetTenant",
          "TenantRoutesTest (GET .../tenants/{tenant}: moto has no tenants)",
          "ses:SetIdentityNotificationTopic",
          "ConnectNotificationsTest (POST .../identities/{identity}/notification-topic)");

  /** What each route must have said, beyond its status. */
  private void check(String name, JsonNode b, JsonNode response) {
    switch (name) {
      case "accounts" -> {
        assertThat(b.at("/accounts/0/name").asText()).isEqualTo("production");
        assertThat(b.toString()).doesNotContain("role_arn", "arn:aws");
      }
      case "verify-domain" -> {
        assertThat(b.path("dns_records")).hasSize(4);
        assertThat(b.at("/dns_records/0/name").asText()).isEqualTo("_amazonses.example.com");
        assertThat(b.at("/dns_records/0/value").asText()).isNotBlank();
        assertThat(b.at("/dns_records/1/value").asText()).endsWith(".dkim.amazonses.com");
      }
      case "identities-emails" -> {
        assertThat(b.path("identities")).hasSize(1);
        assertThat(b.at("/identities/0/identity").asText()).isEqualTo("noreply@example.com");
        assertThat(b.at("/identities/0/verification_status").asText()).isEqualTo("Success");
      }
      case "identities-domains" -> assertThat(b.path("identities")).hasSize(1);
      case "identity" -> {
        assertThat(b.at("/verification/status").asText()).isEqualTo("Success");
        assertThat(b.at("/dkim/tokens")).hasSize(3);
        assertThat(b.has("mail_from")).isTrue();
        assertThat(b.has("notifications")).isTrue();
      }
      case "dkim" -> assertThat(b.path("enabled").asBoolean()).isFalse();
      case "enable-dkim" -> {
        assertThat(b.path("enabled").asBoolean()).isTrue();
        emu.wiremock.verify(
            postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=SetIdentityDkimEnabled"))
                .withRequestBody(containing("Identity=example.com")));
      }
      case "notifications" -> assertThat(b.path("forwarding_enabled").asBoolean()).isTrue();
      case "config-sets" ->
          assertThat(b.path("configuration_sets").toString()).contains("ses-ops-it-transactional");
      case "send-test" -> {
        assertThat(b.path("message_id").asText()).isNotBlank();
        assertThat(b.path("to").asText()).isEqualTo("s***@simulator.amazonses.com");
        assertThat(b.path("sender_identity").asText()).isEqualTo("noreply@example.com");
      }
      case "quota" ->
          assertThat(b.path("sent_last_24_hours").asDouble()).isGreaterThanOrEqualTo(1.0);
      case "stats" -> assertThat(b.has("last_14_days")).isTrue();
      case "reputation" -> {
        assertThat(b.path("enforcement_status").asText()).isEqualTo("HEALTHY");
        assertThat(b.path("sandbox").asBoolean()).isFalse();
        assertThat(b.at("/bounce/rate_percent").asDouble()).isEqualTo(1.2);
        assertThat(b.at("/complaint/level").asText()).isEqualTo("UNKNOWN");
      }
      case "suppressed" -> {
        assertThat(b.path("entries")).hasSize(2);
        assertThat(b.at("/entries/0/email_address").asText())
            .isEqualTo("b***@simulator.amazonses.com");
        assertThat(b.path("next").asText()).isNotBlank();
      }
      case "suppression-details" -> {
        assertThat(b.path("reason").asText()).isEqualTo("BOUNCE");
        assertThat(b.path("feedback_id").asText()).isEqualTo("0100018cc1d2e3f4-bbbb");
      }
      case "remove-suppression" -> assertThat(b.path("removed").asBoolean()).isTrue();
      case "debug" -> {
        assertThat(b.at("/suppression/suppressed").asBoolean()).isFalse();
        assertThat(b.at("/recipient_domain/mx_status").asText()).isEqualTo("FOUND");
        assertThat(b.at("/recipient_domain/mx_hosts/0").asText())
            .isEqualTo("inbound-smtp.us-east-1.amazonaws.com");
        assertThat(b.at("/sender/covered").asBoolean()).isTrue();
        assertThat(b.at("/account_health/enforcement_status").asText()).isEqualTo("HEALTHY");
      }
      case "monitor" -> {
        // the route's level is the monitor's verdict on the account; with no complaint data it
        // cannot be OK
        assertThat(b.path("level").asText())
            .isEqualTo(b.at("/report/accounts/0/level").asText())
            .isNotEqualTo("OK");
        assertThat(b.at("/report/accounts/0/account").asText()).isEqualTo("production");
        assertThat(b.at("/report/alerts_enabled").asBoolean()).isFalse();
      }
      case "audit" -> {
        assertThat(b.path("level").asText()).isIn("OK", "WARNING", "CRITICAL");
        assertThat(b.at("/report/accounts/0/account").asText()).isEqualTo("production");
      }
      case "suppression-cleanup" -> {
        assertThat(b.path("dry_run").asBoolean()).isTrue();
        assertThat(b.at("/report/accounts/0/account").asText()).isEqualTo("production");
      }
      case "actions" -> assertThat(b.path("actions").isArray()).isTrue();
      case "resume" -> {
        assertThat(b.at("/error/code").asText()).isEqualTo("not_paused_by_ses_ops");
        assertThat(b.at("/error/message").asText())
            .startsWith("ses-ops did not pause configuration set marketing in production");
      }
      case "edge-plus-address" -> assertThat(b.path("reason").asText()).isEqualTo("COMPLAINT");
      case "edge-base64-body", "edge-idn-identity" ->
          assertThat(b.path("identity").asText()).isEqualTo("xn--bcher-kva.example");
      case "malformed-double-encoded", "malformed-bad-email" ->
          assertThat(b.at("/error/parameter").asText()).isEqualTo("email");
      case "malformed-method" ->
          assertThat(response.at("/headers/Allow").asText()).isEqualTo("GET");
      case "malformed-send-test-recipient" ->
          assertThat(b.at("/error/message").asText()).doesNotContain("someone@example.org");
      default -> {}
    }
  }

  @Test
  void suppressed_nextToken_reachesTheSecondPage() throws IOException {
    JsonNode first = Json.read(invoke("suppressed").path("body").asText());
    com.fasterxml.jackson.databind.node.ObjectNode event =
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(read("suppressed"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("queryStringParameters"))
        .put("next", first.path("next").asText());
    ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("multiValueQueryStringParameters"))
        .putArray("next")
        .add(first.path("next").asText());
    JsonNode second = Json.read(handle(Json.write(event)).path("body").asText());
    assertThat(second.path("entries")).hasSize(1);
    assertThat(second.at("/entries/0/email_address").asText())
        .isEqualTo("c***@simulator.amazonses.com");
    assertThat(second.path("next").isNull()).isTrue();
  }

  @Test
  void sesThrottling_is429WithRetryAfter() throws IOException {
    String event =
        read("reputation")
            .replace("/accounts/production/reputation", "/accounts/throttled/reputation");
    JsonNode response = handle(event);
    assertThat(response.path("statusCode").asInt()).isEqualTo(429);
    assertThat(response.at("/headers/Retry-After").asText()).isEqualTo("1");
    assertThat(Json.read(response.path("body").asText()).at("/error/code").asText())
        .isEqualTo("throttled");
  }

  private JsonNode invoke(String name) throws IOException {
    return handle(read(name));
  }

  private static String read(String name) throws IOException {
    try (InputStream in = ApiRoutesIT.class.getResourceAsStream("/events/api/" + name + ".json")) {
      assertThat(in).as("events/api/" + name + ".json on the test classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private JsonNode handle(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    emu.handler.handleRequest(
        new java.io.ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        out,
        new LocalContext("api", Duration.ofSeconds(29)));
    return Json.read(out.toString(StandardCharsets.UTF_8));
  }
}
