package dev.sesops.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * AWS Organizations over its AWS JSON 1.1 protocol, signed with the SDK's own SigV4 signer and sent
 * through the SDK's HTTP client. The generated {@code organizations} SDK module is not served by
 * the registries this project builds from (decisions.md, 2026-12-03), and discovery needs four read
 * calls. Throttling and 5xx answers are retried with exponential back-off.
 */
public final class HttpOrganizations implements Organization {
  private static final String TARGET = "AWSOrganizationsV20161128.";

  /** Organizations is a global service signed in us-east-1 (aws partition). */
  static final String SIGNING_REGION = "us-east-1";

  static final URI DEFAULT_ENDPOINT = URI.create("https://organizations.us-east-1.amazonaws.com/");
  private static final int ATTEMPTS = 5;

  private final SdkHttpClient http;
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final Clock clock;
  private final Sleeper sleeper;

  /** Waits between attempts; tests pass one that does not sleep. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  HttpOrganizations(
      SdkHttpClient http,
      URI endpoint,
      AwsCredentialsProvider credentials,
      Clock clock,
      Sleeper sleeper) {
    this.http = http;
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** The client the environment describes: the SDK's default credentials and endpoint settings. */
  public static HttpOrganizations fromEnvironment(Map<String, String> env) {
    return new HttpOrganizations(
        software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(3))
            .socketTimeout(Duration.ofSeconds(20))
            .build(),
        endpointFrom(env),
        software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build(),
        Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()));
  }

  /**
   * The endpoint the SDK's own settings would pick: {@code AWS_ENDPOINT_URL_ORGANIZATIONS}, {@code
   * AWS_ENDPOINT_URL} (or the {@code aws.endpointUrl...} system properties), else AWS's.
   */
  static URI endpointFrom(Map<String, String> env) {
    for (String v :
        new String[] {
          System.getProperty("aws.endpointUrlOrganizations"),
          env.get("AWS_ENDPOINT_URL_ORGANIZATIONS"),
          System.getProperty("aws.endpointUrl"),
          env.get("AWS_ENDPOINT_URL")
        }) {
      if (v != null && !v.isBlank()) {
        return URI.create(v.strip());
      }
    }
    return DEFAULT_ENDPOINT;
  }

  @Override
  public List<MemberAccount> accounts() {
    List<MemberAccount> out = new ArrayList<>();
    paged("ListAccounts", b -> {}, page -> page.path("Accounts").forEach(a -> out.add(account(a))));
    return out;
  }

  @Override
  public List<MemberAccount> accountsUnder(String parentId) {
    List<MemberAccount> out = new ArrayList<>();
    paged(
        "ListAccountsForParent",
        b -> b.put("ParentId", parentId),
        page -> page.path("Accounts").forEach(a -> out.add(account(a))));
    return out;
  }

  @Override
  public List<String> unitsUnder(String parentId) {
    List<String> out = new ArrayList<>();
    paged(
        "ListOrganizationalUnitsForParent",
        b -> b.put("ParentId", parentId),
        page -> page.path("OrganizationalUnits").forEach(u -> out.add(u.path("Id").asText())));
    return out;
  }

  @Override
  public Map<String, String> tags(String accountId) {
    Map<String, String> out = new LinkedHashMap<>();
    paged(
        "ListTagsForResource",
        b -> b.put("ResourceId", accountId),
        page ->
            page.path("Tags")
                .forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText())));
    return out;
  }

  private static MemberAccount account(JsonNode a) {
    // State (2025) replaces Status; older answers (and moto 5.1) have only Status
    String state =
        a.path("State").isTextual() ? a.path("State").asText() : a.path("Status").asText("UNKNOWN");
    return new MemberAccount(a.path("Id").asText(), a.path("Name").asText(""), state);
  }

  private void paged(String operation, Consumer<ObjectNode> params, Consumer<JsonNode> page) {
    String token = null;
    do {
      ObjectNode body = Json.object();
      params.accept(body);
      if (token != null) {
        body.put("NextToken", token);
      }
      JsonNode answer = call(operation, body);
      page.accept(answer);
      token =
          answer.path("NextToken").isTextual() && !answer.path("NextToken").asText().isEmpty()
              ? answer.path("NextToken").asText()
              : null;
    } while (token != null);
  }

  JsonNode call(String operation, ObjectNode body) {
    byte[] payload = Json.write(body).getBytes(StandardCharsets.UTF_8);
    OrganizationsException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1) {
        try {
          // 0.2 s, 0.4 s, 0.8 s, 1.6 s: Organizations throttles per account at a few calls per
          // second
          sleeper.sleep(Duration.ofMillis(100L << (attempt - 1)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new OrganizationsException(operation + ": interrupted", false, e);
        }
      }
      try {
        return once(operation, payload);
      } catch (OrganizationsException e) {
        if (!e.retryable()) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  private JsonNode once(String operation, byte[] payload) {
    SdkHttpRequest unsigned =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(
                endpoint.getPath() == null || endpoint.getPath().isEmpty()
                    ? endpoint.resolve("/")
                    : endpoint)
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", TARGET + operation)
            .build();
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials.resolveIdentity().join())
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "organizations")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, SIGNING_REGION)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
            .request();
    HttpExecuteResponse response;
    byte[] bytes;
    try {
      response =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(signed)
                      .contentStreamProvider(ContentStreamProvider.fromByteArray(payload))
                      .build())
              .call();
      try (InputStream in =
          response.responseBody().map(s -> (InputStream) s).orElse(InputStream.nullInputStream())) {
        bytes = in.readAllBytes();
      }
    } catch (IOException e) {
      throw new OrganizationsException(operation + ": " + e.getClass().getSimpleName(), true, e);
    }
    int status = response.httpResponse().statusCode();
    JsonNode json;
    try {
      json = bytes.length == 0 ? Json.object() : Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new OrganizationsException(
          operation + ": HTTP " + status + " with a body that is not JSON", status >= 500, e);
    }
    if (status / 100 == 2) {
      return json;
    }
    String type =
        json.path("__type")
            .asText(
                response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse("Unknown"));
    String code = type.substring(type.lastIndexOf('#') + 1);
    int colon = code.indexOf(':');
    code = colon > 0 ? code.substring(0, colon) : code;
    boolean retryable =
        status >= 500
            || status == 429
            || code.contains("TooManyRequests")
            || code.contains("Throttl")
            || "ServiceException".equals(code);
    throw new OrganizationsException(
        operation + ": " + code + " (HTTP " + status + ")", retryable, null);
  }
}
