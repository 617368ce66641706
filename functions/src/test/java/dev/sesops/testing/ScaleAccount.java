package dev.sesops.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.sesops.common.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * One account of many identities for the real audit: SES v1 and v2 on an in-process WireMock (which
 * counts every SES request), the report bucket and alert topic on moto, and the SDK's endpoint
 * properties pointed at both. Domains answer as verified with Easy DKIM (three tokens), so the
 * audit looks up their DKIM CNAMEs, {@code _amazonses} TXT and DMARC; email addresses as verified.
 * Used by {@code AuditScaleIT} and {@code AuditBenchmark}; close() restores the SDK properties.
 */
public final class ScaleAccount implements AutoCloseable {
  private static final int BATCH = 100;

  private final WireMockServer wiremock;
  private final Settings settings;
  private final String name;

  private ScaleAccount(WireMockServer wiremock, Settings settings, String name) {
    this.wiremock = wiremock;
    this.settings = settings;
    this.name = name;
  }

  /**
   * {@code n} identities, every {@code domainEvery}-th a domain (0: none), all under
   * scale.example.com.
   */
  public static List<String> identities(int n, int domainEvery) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          domainEvery > 0 && i % domainEvery == 0
              ? "d" + i + ".scale.example.com"
              : "user" + i + "@scale.example.com");
    }
    return out;
  }

  /**
   * Starts the account: ListIdentities answers {@code pageSize} identities a page, the attribute
   * calls answer per batch of 100. {@code env} adds to the audit's settings (e.g.
   * SES_OPS_DNS_SERVERS); SES calls are paced at 200 a second unless it says otherwise.
   */
  public static ScaleAccount start(List<String> identities, int pageSize, Map<String, String> env) {
    URI moto = Emulator.moto();
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String account = "scale" + id;
    String bucket = "ses-ops-audit-scale-" + id;
    Map<String, String> all =
        new HashMap<>(
            Map.of(
                "SES_OPS_REPORT_BUCKET",
                bucket,
                "SES_OPS_SES_CALLS_PER_SECOND",
                "200",
                "AWS_REGION",
                "us-east-1"));
    try (S3Client s3 = Sdk.s3(moto);
        SnsClient sns = Sdk.sns(moto)) {
      s3.createBucket(b -> b.bucket(bucket));
      all.put(
          "SES_OPS_ALERT_TOPIC_ARN",
          sns.createTopic(b -> b.name("ses-ops-scale-" + id)).topicArn());
      Path config = Files.createTempFile("ses-ops-audit-scale", ".json");
      config.toFile().deleteOnExit();
      Files.writeString(config, "{\"accounts\":{\"" + account + "\":{\"region\":\"us-east-1\"}}}");
      all.put("SES_OPS_CONFIG_FILE", config.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    all.putAll(env);

    WireMockServer wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    wiremock.start();
    stubIdentities(wiremock, identities, pageSize);
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/account"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true,\"SendingEnabled\":true,"
                            + "\"SuppressionAttributes\":{\"SuppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]}}")));
    wiremock.stubFor(
        post(urlPathEqualTo("/v2/email/list-configuration-sets"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ConfigurationSets\":[]}")));
    // the audit's dedicated-IP and readiness inputs (issue 15): none of either, one call each
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/dedicated-ips"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"DedicatedIps\":[]}")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/dedicated-ip-pools"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"DedicatedIpPools\":[]}")));
    wiremock.stubFor(
        get(urlPathEqualTo("/v2/email/contact-lists"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ContactLists\":[]}")));
    wiremock.stubFor(
        action("GetSendStatistics")
            .willReturn(SesStubs.response("GetSendStatistics", "<SendDataPoints/>")));

    // the audit's own clients: SES v1 and v2 on WireMock, S3 and SNS on moto
    Emulator.pointSdkAt(moto);
    URI wm = URI.create(wiremock.baseUrl());
    Emulator.pointServiceAt("Ses", wm);
    Emulator.pointServiceAt("SesV2", wm);
    return new ScaleAccount(wiremock, Settings.fromEnv(all), account);
  }

  private static void stubIdentities(
      WireMockServer wiremock, List<String> identities, int pageSize) {
    int pages = Math.max(1, (identities.size() + pageSize - 1) / pageSize);
    for (int page = 1; page <= pages; page++) {
      List<String> members =
          identities.subList(
              Math.min(identities.size(), (page - 1) * pageSize),
              Math.min(identities.size(), page * pageSize));
      MappingBuilder request =
          action("ListIdentities")
              .withRequestBody(
                  page == 1
                      ? notContaining("NextToken")
                      : matching(".*NextToken=page-" + page + "(&.*)?"));
      String next = page < pages ? "<NextToken>page-" + (page + 1) + "</NextToken>" : "";
      wiremock.stubFor(
          request.willReturn(
              SesStubs.response(
                  "ListIdentities", "<Identities>" + members(members) + "</Identities>" + next)));
    }
    for (int from = 0; from < identities.size(); from += BATCH) {
      List<String> batch = identities.subList(from, Math.min(identities.size(), from + BATCH));
      // the batch is known by its first identity: Identities.member.1
      String first =
          ".*Identities\\.member\\.1="
              + Pattern.quote(URLEncoder.encode(batch.get(0), StandardCharsets.UTF_8))
              + "(&.*)?";
      StringBuilder verification = new StringBuilder();
      List<String> dkim = new ArrayList<>();
      for (String identity : batch) {
        boolean domain = !identity.contains("@");
        verification
            .append("<entry><key>")
            .append(identity)
            .append("</key><value><VerificationStatus>Success</VerificationStatus>")
            .append(domain ? "<VerificationToken>tok-" + identity + "</VerificationToken>" : "")
            .append("</value></entry>");
        if (domain) {
          dkim.add(
              SesStubs.dkimEntry(
                  identity,
                  true,
                  "Success",
                  List.of(
                      "a" + identity.hashCode(),
                      "b" + identity.hashCode(),
                      "c" + identity.hashCode())));
        }
      }
      wiremock.stubFor(
          action("GetIdentityVerificationAttributes")
              .withRequestBody(matching(first))
              .willReturn(
                  SesStubs.response(
                      "GetIdentityVerificationAttributes",
                      "<VerificationAttributes>" + verification + "</VerificationAttributes>")));
      wiremock.stubFor(
          action("GetIdentityDkimAttributes")
              .withRequestBody(matching(first))
              .willReturn(SesStubs.dkimAttributes(dkim.toArray(String[]::new))));
      wiremock.stubFor(
          action("GetIdentityMailFromDomainAttributes")
              .withRequestBody(matching(first))
              .willReturn(
                  SesStubs.response(
                      "GetIdentityMailFromDomainAttributes", "<MailFromDomainAttributes/>")));
      wiremock.stubFor(
          action("GetIdentityNotificationAttributes")
              .withRequestBody(matching(first))
              .willReturn(
                  SesStubs.response(
                      "GetIdentityNotificationAttributes", "<NotificationAttributes/>")));
    }
  }

  private static MappingBuilder action(String action) {
    return post(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
  }

  private static String members(List<String> identities) {
    StringBuilder sb = new StringBuilder();
    identities.forEach(i -> sb.append("<member>").append(i).append("</member>"));
    return sb.toString();
  }

  /** The audit's settings: config file, bucket, topic, pacing and whatever {@code env} added. */
  public Settings settings() {
    return settings;
  }

  /** The account's name in the config. */
  public String name() {
    return name;
  }

  /** The SES requests WireMock served since the start or the last {@link #resetCalls()}. */
  public List<ServeEvent> calls() {
    return wiremock.getAllServeEvents();
  }

  /** Forgets the requests served so far. */
  public void resetCalls() {
    wiremock.resetRequests();
  }

  @Override
  public void close() {
    Emulator.clearSdkProperties();
    wiremock.stop();
  }
}
