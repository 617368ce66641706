package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.cli.serve.LocalServerFixture;
import dev.sesops.common.Json;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What a web page can send to {@code serve} on 127.0.0.1 (a "simple" cross-origin POST: an Origin
 * header and a text/plain body) is refused, in every auth mode; the same request made by the CLI's
 * own SigV4 client reaches the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeSafetyIT {
  private static final String PATH = "/accounts/production/identities";
  private static final String BODY = "{\"email\":\"noreply@example.com\"}";

  private LocalServerFixture server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws IOException {
    server = LocalServerFixture.start();
  }

  @AfterAll
  void stop() throws IOException {
    server.close();
  }

  private HttpResponse<String> browserPost(String base, Map<String, String> extra)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + PATH))
            .header("Origin", "https://evil.example")
            .header("Content-Type", "text/plain;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(BODY));
    extra.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void browserStyleCrossOriginPost_isRefused_whileTheSameRequestSignedByTheCli_succeeds()
      throws Exception {
    // given a browser-style request to the SigV4 server
    HttpResponse<String> browser = browserPost(server.url(), Map.of());

    // then it is refused before any signature or route is looked at
    assertThat(browser.statusCode()).isEqualTo(403);
    assertThat(Json.read(browser.body()).at("/error/code").asText())
        .isEqualTo("cross_origin_refused");

    // when the CLI's client signs and sends the same request
    HttpTransport cli =
        new HttpTransport(
            URI.create(server.url()),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.accessKeyId(), server.secretAccessKey())),
            null,
            "us-east-1",
            Clock.systemUTC());
    Transport.Response signed = cli.send("POST", PATH, Map.of(), BODY);

    // then it reaches the API
    assertThat(signed.status()).as(signed.body().toString()).isEqualTo(202);
    assertThat(signed.body().path("verification_status").asText()).isEqualTo("Pending");
  }

  @Test
  void browserStyleCrossOriginPost_isRefused_evenWithTheBearerTokenOrWithoutAuth()
      throws Exception {
    try (LocalServerFixture tokenServer =
            LocalServerFixture.startWithToken(server, "local-token-for-tests");
        LocalServerFixture open = LocalServerFixture.startWithoutSigV4(server)) {
      HttpResponse<String> withToken =
          browserPost(tokenServer.url(), Map.of("Authorization", "Bearer local-token-for-tests"));
      HttpResponse<String> unauthenticated = browserPost(open.url(), Map.of());

      assertThat(withToken.statusCode()).isEqualTo(403);
      assertThat(unauthenticated.statusCode()).isEqualTo(403);
      assertThat(Json.read(unauthenticated.body()).at("/error/code").asText())
          .isEqualTo("cross_origin_refused");
    }
  }

  @Test
  void textPlainBodyWithoutOrigin_isRefusedWith415_andJsonWithTheTokenSucceeds() throws Exception {
    try (LocalServerFixture tokenServer =
        LocalServerFixture.startWithToken(server, "local-token-for-tests")) {
      HttpResponse<String> plain =
          http.send(
              HttpRequest.newBuilder(URI.create(tokenServer.url() + PATH))
                  .header("Authorization", "Bearer local-token-for-tests")
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString(BODY))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> noToken =
          http.send(
              HttpRequest.newBuilder(URI.create(tokenServer.url() + PATH))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(BODY))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> json =
          http.send(
              HttpRequest.newBuilder(URI.create(tokenServer.url() + PATH))
                  .header("Authorization", "Bearer local-token-for-tests")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(BODY))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(plain.statusCode()).isEqualTo(415);
      assertThat(noToken.statusCode()).isEqualTo(401);
      assertThat(json.statusCode()).as(json.body()).isEqualTo(202);
    }
  }

  @Test
  void foreignHostHeader_isRefused() throws Exception {
    try (LocalServerFixture open = LocalServerFixture.startWithoutSigV4(server)) {
      // the JDK client will not send a custom Host header, so speak HTTP/1.1 directly
      try (Socket s = new Socket("127.0.0.1", open.port())) {
        s.getOutputStream()
            .write(
                ("GET /accounts HTTP/1.1\r\nHost: rebound.attacker.example:"
                        + open.port()
                        + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 403").contains("host_refused");
      }
    }
  }
}
