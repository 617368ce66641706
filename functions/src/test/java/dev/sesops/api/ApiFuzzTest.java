package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.common.LambdaEvents;
import dev.sesops.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A few hundred generated bad requests (odd encodings, huge and empty bodies, wrong types, path
 * traversal, header injection, broken events) through the handler: none may give a 500 or leak a
 * trace.
 */
class ApiFuzzTest {
  private static final String[] PATHS = {
    "/accounts/production/identities",
    "/accounts/production/identities/%s",
    "/accounts/production/identities/%s/dkim",
    "/accounts/production/suppressed/%s",
    "/accounts/production/debug/%s",
    "/accounts/%s/quota",
    "/accounts/production/test-emails",
    "/accounts/production/suppressed",
    "/%s",
    "/accounts/production/%s"
  };
  private static final String[] ODD = {
    "..",
    "%2e%2e",
    "%2E%2E%2F%2E%2E",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "%0d%0aSet-Cookie:%20x=y",
    "%",
    "%G1",
    "%C3%28",
    "%F0%9F%98%80",
    "a%2Bb%40example.com",
    "a+b@example.com",
    "%252540",
    "x".repeat(3000),
    "%E2%80%AE",
    "\u00e9@\u00e9.com",
    "a@b",
    "@example.com",
    "a@",
    "' OR 1=1 --",
    "<script>",
    "${jndi:ldap://x}",
    "%ff%fe",
    "nul\u0000l",
    "a@xn--",
    "a@-.com"
  };
  private static final String[] BODIES = {
    null,
    "",
    " ",
    "{",
    "[]",
    "null",
    "42",
    "\"text\"",
    "{\"email\": 1}",
    "{\"email\": [\"a@b.com\"]}",
    "{\"domain\": {}}",
    "{\"enabled\": \"true\"}",
    "{\"from\": null, \"to\": null}",
    "{\"from\":\"a@b.com\",\"to\":\"c@d.com\",\"subject\":7}",
    "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
    "\u0000\u0001",
    "{\"email\":\"" + "a".repeat(70_000) + "@b.com\"}",
    "{\"from\":\"x@y.com\",\"to\":\"success@simulator.amazonses.com\",\"subject\":\"a\\nBcc: all@corp.com\"}"
  };
  private static final String[] METHODS = {
    "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "get", "G\nET", ""
  };

  @Test
  void generatedBadRequests_neverGive500_orAStackTrace() throws Exception {
    ApiFixture f = new ApiFixture();
    f.ses.identities.put("example.com", "Success");
    ApiHandler handler = new ApiHandler(f.api);
    Random random = new Random(20240601);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      ObjectNode e = Json.object();
      e.put("resource", "/{proxy+}");
      e.put("httpMethod", METHODS[random.nextInt(METHODS.length)]);
      String path = PATHS[random.nextInt(PATHS.length)];
      e.put(
          "path",
          path.contains("%s") ? String.format(path, ODD[random.nextInt(ODD.length)]) : path);
      ObjectNode headers = e.putObject("headers");
      headers.put(
          "Content-Type",
          random.nextBoolean() ? "application/json" : "text/plain\r\nX-Injected: 1");
      headers.put("X-Forwarded-For", "1.2.3.4\r\nSet-Cookie: a=b");
      if (random.nextInt(3) == 0) {
        ObjectNode q = e.putObject("queryStringParameters");
        q.put(random.nextBoolean() ? "limit" : "next", ODD[random.nextInt(ODD.length)]);
        q.put(random.nextBoolean() ? "type" : "reason", random.nextBoolean() ? "email" : "%00");
      }
      String body = BODIES[random.nextInt(BODIES.length)];
      if (body == null) {
        e.putNull("body");
      } else {
        e.put("body", body);
      }
      if (random.nextInt(10) == 0) {
        e.put("isBase64Encoded", true);
      }
      e.putObject("requestContext").put("requestId", "fuzz-" + i);
      events.add(Json.write(e));
    }
    // broken events: not JSON, not an object, wrong field types
    events.add("not json at all");
    events.add("[]");
    events.add("{}");
    events.add("{\"httpMethod\": 1, \"path\": []}");
    events.add(
        "{\"httpMethod\": \"GET\", \"path\": \"/accounts\", \"headers\": \"x\", \"queryStringParameters\": [1]}");
    events.add(
        "{\"httpMethod\": \"POST\", \"path\": \"/accounts/production/identities\", \"body\": \"***\", \"isBase64Encoded\": true}");

    assertThat(events).as("the generated events").hasSizeGreaterThanOrEqualTo(400);
    java.util.Set<Integer> statuses = new java.util.TreeSet<>();
    int refusedAsEvents = 0;
    for (String event : events) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        LambdaEvents.asStream(handler)
            .handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                out,
                new LocalContext("api", Duration.ofSeconds(30)));
      } catch (BadInputException e) {
        // not an APIGatewayProxyRequestEvent at all: the runtime refuses it before the handler
        // (API Gateway never sends one); the message names the type and field, nothing sent
        assertThat(e.getMessage())
            .contains("APIGatewayProxyRequestEvent")
            .doesNotContain("\tat ", "wJalr", "***");
        refusedAsEvents++;
        continue;
      }
      JsonNode response = Json.read(out.toString(StandardCharsets.UTF_8));
      int status = response.path("statusCode").asInt();
      String body = response.path("body").asText();
      assertThat(status)
          .as(event.length() > 300 ? event.substring(0, 300) : event)
          .isBetween(200, 499);
      assertThat(body).doesNotContain("Exception", "\tat ", "dev.sesops.", "wJalr");
      if (status >= 400) {
        assertThat(Json.read(body).at("/error/code").asText()).isNotBlank();
      }
      response
          .path("headers")
          .fields()
          .forEachRemaining(h -> assertThat(h.getValue().asText()).doesNotContain("\r", "\n"));
      statuses.add(status);
    }
    // only the broken events (not JSON, an array, wrong field types) are refused as events
    assertThat(refusedAsEvents).isBetween(1, 4);
    // the fuzz reaches the validation and routing errors, not only one kind of answer
    assertThat(statuses).contains(400, 404);
    assertThat(f.ses.sent).isEmpty();
  }
}
