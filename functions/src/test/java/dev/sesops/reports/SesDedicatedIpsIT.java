package dev.sesops.reports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.sesops.aws.AccountClients;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.testing.Emulator;
import dev.sesops.testing.FixedConfig;
import dev.sesops.testing.MutableClock;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SES v2 GetDedicatedIps through the real SDK client, shaped as the API reference documents it
 * (WireMock).
 */
class SesDedicatedIpsIT {
  private static final String CONFIG =
      """
      {"accounts": {"production": {"region": "us-east-1", "verified_domains": ["example.com"],
                                   "aws_access_key_id": "AKIAPRODUCTION000001", "aws_secret_access_key": "production-secret"},
                    "staging": {"region": "eu-west-1",
                                "aws_access_key_id": "AKIASTAGING000000001", "aws_secret_access_key": "staging-secret"}}}""";
  private WireMockServer wiremock;
  private AccountClients clients;

  @BeforeEach
  void setUp() {
    wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wiremock.start();
    Emulator.pointServiceAt("SesV2", URI.create("http://127.0.0.1:" + wiremock.port()));
    clients = new AccountClients("us-east-1");
  }

  @AfterEach
  void tearDown() {
    Emulator.clearSdkProperties();
    clients.close();
    wiremock.stop();
  }

  @Test
  void
      dedicatedIps_arePagedAndMappedToTheirAccount_andAFailingAccountIsSkipped_andTheListIsCached() {
    // production: two pages; staging: AccessDenied (its IPs are left out, the others kept)
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/dedicated-ips"))
            .withHeader("Authorization", containing("AKIAPRODUCTION000001"))
            .withQueryParam("NextToken", absent())
            .willReturn(
                json(
                    "{\"DedicatedIps\":[{\"Ip\":\"192.0.2.200\",\"WarmupStatus\":\"DONE\",\"WarmupPercentage\":100,"
                        + "\"PoolName\":\"transactional\"}],\"NextToken\":\"page2\"}")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/dedicated-ips"))
            .withQueryParam("NextToken", equalTo("page2"))
            .willReturn(
                json(
                    "{\"DedicatedIps\":[{\"Ip\":\"2001:db8:0:0::c8\",\"WarmupStatus\":\"IN_PROGRESS\",\"WarmupPercentage\":40}]}")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/dedicated-ips"))
            .withHeader("Authorization", containing("AKIASTAGING000000001"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"not allowed\"}")));
    SesOpsConfig cfg = FixedConfig.of(CONFIG).load();
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
    SesDedicatedIps ips = new SesDedicatedIps(clients, clock);

    var first = ips.byAddress(cfg.accounts().values());
    var second = ips.byAddress(cfg.accounts().values());

    assertThat(first)
        .containsOnly(
            entry("192.0.2.200", "production"), entry("2001:db8:0:0:0:0:0:c8", "production"));
    assertThat(second).isEqualTo(first);
    assertThat(wiremock.findAll(getRequestedFor(urlPathEqualTo("/v2/email/dedicated-ips"))))
        .hasSize(3);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern containing(String s) {
    return com.github.tomakehurst.wiremock.client.WireMock.containing(s);
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalTo(String s) {
    return com.github.tomakehurst.wiremock.client.WireMock.equalTo(s);
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern absent() {
    return com.github.tomakehurst.wiremock.client.WireMock.absent();
  }

  private static java.util.Map.Entry<String, String> entry(String k, String v) {
    return java.util.Map.entry(k, v);
  }
}
