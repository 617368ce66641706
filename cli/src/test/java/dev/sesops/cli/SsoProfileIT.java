package dev.sesops.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.sesops.cli.serve.LocalServerFixture;
import dev.sesops.common.Json;
import java.io.File;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile set up the way {@code aws sso login} leaves it (an SSO profile in ~/.aws/config and a
 * cached token in ~/.aws/sso/cache), the SSO portal played by WireMock: bin/ses-ops, as a process,
 * gets role credentials from the portal with the cached token and signs a request the local server
 * (SigV4 required) accepts. An expired token is a message saying which command to run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsoProfileIT {
  private static final String START_URL = "https://ses-ops-test.awsapps.com/start";
  private static final String TOKEN = "cached-sso-access-token";

  private LocalServerFixture emulators;
  private LocalServerFixture server;
  private WireMockServer portal;

  @TempDir Path home;

  @BeforeAll
  void start() throws Exception {
    emulators = LocalServerFixture.start();
    // the server accepts only the role credentials the portal hands out, session token included
    server =
        LocalServerFixture.startFor(
            emulators,
            software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(
                emulators.accessKeyId(), emulators.secretAccessKey(), "sso-role-session-token"));
    portal = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    portal.start();
    // the SSO portal's GetRoleCredentials, as the SDK's SSO client calls it
    portal.stubFor(
        get(urlPathEqualTo("/federation/credentials"))
            .withQueryParam("account_id", equalTo("111122223333"))
            .withQueryParam("role_name", equalTo("SesOpsOperator"))
            .withHeader("x-amz-sso_bearer_token", equalTo(TOKEN))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        Json.write(
                            Json.object()
                                .set(
                                    "roleCredentials",
                                    Json.object()
                                        .put("accessKeyId", server.accessKeyId())
                                        .put("secretAccessKey", server.secretAccessKey())
                                        .put("sessionToken", "sso-role-session-token")
                                        .put(
                                            "expiration",
                                            Instant.now()
                                                .plus(1, ChronoUnit.HOURS)
                                                .toEpochMilli()))))));
  }

  @AfterAll
  void stop() throws Exception {
    portal.stop();
    server.close();
    emulators.close();
  }

  private void profile(Instant tokenExpiresAt) throws Exception {
    Path aws = Files.createDirectories(home.resolve(".aws"));
    Files.writeString(
        aws.resolve("config"),
        String.join(
            "\n",
            "[profile ses-ops-sso]",
            "sso_start_url = " + START_URL,
            "sso_region = us-east-1",
            "sso_account_id = 111122223333",
            "sso_role_name = SesOpsOperator",
            "region = us-east-1",
            ""));
    Path cache = Files.createDirectories(aws.resolve("sso").resolve("cache"));
    String name =
        String.format(
            "%040x",
            new BigInteger(
                1,
                MessageDigest.getInstance("SHA-1")
                    .digest(START_URL.getBytes(StandardCharsets.UTF_8))));
    Files.writeString(
        cache.resolve(name + ".json"),
        Json.write(
            Json.object()
                .put("startUrl", START_URL)
                .put("region", "us-east-1")
                .put("accessToken", TOKEN)
                .put("expiresAt", tokenExpiresAt.toString())));
  }

  private CliProcessIT.Run sesOps(String... args) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            new java.util.ArrayList<>(List.of(Path.of("..", "bin", "ses-ops").toString())));
    pb.command().addAll(List.of(args));
    List.of(
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_PROFILE",
            "SES_OPS_CONFIG_FILE",
            "SES_OPS_SECRET_ID",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
        .forEach(pb.environment()::remove);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    pb.environment()
        .put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.environment().put("AWS_ENDPOINT_URL_SSO", portal.baseUrl());
    pb.environment().put("SES_OPS_API_URL", server.url());
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().put("SES_OPS_CDS", "off");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new CliProcessIT.Run(p.exitValue(), out, err);
  }

  @Test
  void ssoProfile_getsRoleCredentialsFromThePortal_andSignsARequestTheServerAccepts()
      throws Exception {
    profile(Instant.now().plus(8, ChronoUnit.HOURS));

    CliProcessIT.Run r =
        sesOps("--profile", "ses-ops-sso", "--output", "json", "quota", "production");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Json.read(r.out()).path("account").asText()).isEqualTo("production");
    portal.verify(
        getRequestedFor(urlPathEqualTo("/federation/credentials"))
            .withHeader("x-amz-sso_bearer_token", equalTo(TOKEN)));
  }

  @Test
  void expiredSsoToken_saysToRunAwsSsoLogin_andExits1() throws Exception {
    profile(Instant.now().minus(1, ChronoUnit.HOURS));

    CliProcessIT.Run r = sesOps("--profile", "ses-ops-sso", "accounts");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "ses-ops: the SSO session of profile ses-ops-sso has expired or was never started: "
                + "run aws sso login --profile ses-ops-sso\n")
        .doesNotContain(TOKEN);
  }
}
