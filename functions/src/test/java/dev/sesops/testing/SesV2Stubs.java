package dev.sesops.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * WireMock stubs for SES v2 GetAccount ({@code GET /v2/email/account}), shaped as the API reference
 * documents it.
 */
public final class SesV2Stubs {
  public static final String ACCOUNT_PATH = "/v2/email/account";

  private SesV2Stubs() {}

  /** GetAccount for requests signed for {@code region}. */
  public static MappingBuilder getAccount(
      String region, String enforcementStatus, boolean sendingEnabled, boolean production) {
    return getAccount(region).willReturn(account(enforcementStatus, sendingEnabled, production));
  }

  /** A GetAccount request signed for {@code region}; add the response. */
  public static MappingBuilder getAccount(String region) {
    return get(urlEqualTo(ACCOUNT_PATH))
        .withHeader("Authorization", containing("/" + region + "/ses/"));
  }

  public static ResponseDefinitionBuilder account(
      String enforcementStatus, boolean sendingEnabled, boolean production) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
        {
          "DedicatedIpAutoWarmupEnabled": false,
          "EnforcementStatus": "%s",
          "ProductionAccessEnabled": %s,
          "SendQuota": {"Max24HourSend": 50000.0, "MaxSendRate": 14.0, "SentLast24Hours": 120.0},
          "SendingEnabled": %s,
          "SuppressionAttributes": {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
          "VdmAttributes": {"VdmEnabled": "DISABLED"}
        }"""
                .formatted(enforcementStatus, production, sendingEnabled));
  }

  /** ListTenants ({@code POST /v2/email/tenants/list}) for an account without tenants. */
  public static MappingBuilder noTenants() {
    return com.github.tomakehurst.wiremock.client.WireMock.post(
            urlEqualTo("/v2/email/tenants/list"))
        .willReturn(
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Tenants\": []}"));
  }

  /**
   * ListConfigurationSets ({@code POST /v2/email/list-configuration-sets}, as SDK 2.59 sends it)
   * for an account without any.
   */
  public static MappingBuilder noConfigurationSets() {
    return com.github.tomakehurst.wiremock.client.WireMock.post(
            urlEqualTo("/v2/email/list-configuration-sets"))
        .willReturn(
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ConfigurationSets\": []}"));
  }

  /** An SES v2 error as the REST-JSON protocol sends it. */
  public static ResponseDefinitionBuilder error(int status, String type) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-ErrorType", type)
        .withBody("{\"message\": \"" + type + " for the request\"}");
  }
}
