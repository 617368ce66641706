package dev.sesops.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/** Finds the local AWS emulator (moto server) and points the SDK's own endpoint settings at it. */
public final class Emulator {

  /** Environment variable naming the moto endpoint; scripts/test.sh sets it. */
  public static final String MOTO_ENDPOINT_ENV = "SES_OPS_MOTO_ENDPOINT";

  /** The endpoint scripts/emulator.sh starts moto on by default. */
  public static final URI DEFAULT_MOTO = URI.create("http://127.0.0.1:5055");

  /** Region every test client uses; moto accepts any. */
  public static final Region REGION = Region.US_EAST_1;

  /** Test credentials; moto accepts any non-empty keys. */
  public static final String ACCESS_KEY_ID = "testing";

  /** Test credentials; moto accepts any non-empty keys. */
  public static final String SECRET_ACCESS_KEY = "testing";

  /**
   * The SDK's per-service endpoint properties are {@code aws.endpointUrl} + these names (checked
   * against SDK 2.59.1 by {@code EmulatorTest}); they win over the global {@code aws.endpointUrl}.
   */
  public static final List<String> SERVICES =
      List.of(
          "SesV2", "Ses", "CloudWatch", "Sns", "Sqs", "DynamoDb", "S3", "Sts", "SecretsManager");

  static final String ENDPOINT_PROPERTY = "aws.endpointUrl";
  private static final String HOW_TO_START =
      "run `scripts/emulator.sh install && scripts/emulator.sh start` at the repo root"
          + " (or `scripts/test.sh`, which does both)";

  /**
   * Values the SDK properties had before this class touched them (null: unset), for {@link
   * #clearSdkProperties()}.
   */
  private static final Map<String, String> SAVED = new HashMap<>();

  private static volatile URI checkedMoto;

  private Emulator() {}

  /**
   * The moto endpoint ({@value #MOTO_ENDPOINT_ENV} or the default); fails the test when nothing
   * answers there.
   */
  public static URI moto() {
    URI endpoint = configuredMoto();
    if (!endpoint.equals(checkedMoto)) {
      checkedMoto = requireAnswering(endpoint);
    }
    return endpoint;
  }

  /**
   * Returns {@code endpoint} when moto answers there, else fails with how to start it (never a
   * skip).
   */
  public static URI requireAnswering(URI endpoint) {
    if (!answers(endpoint.resolve("/moto-api/"))) {
      throw new AssertionError(
          "The AWS emulator (moto server) does not answer at "
              + endpoint
              + ": "
              + HOW_TO_START
              + ". Tests are never skipped for a missing emulator.");
    }
    return endpoint;
  }

  /** The moto endpoint the environment names, unchecked. */
  public static URI configuredMoto() {
    String value = System.getenv(MOTO_ENDPOINT_ENV);
    return value == null || value.isBlank() ? DEFAULT_MOTO : URI.create(value.strip());
  }

  /**
   * Points every SDK client built with default settings at {@code endpoint}, with test region and
   * keys.
   */
  public static synchronized void pointSdkAt(URI endpoint) {
    set(ENDPOINT_PROPERTY, endpoint.toString());
    set("aws.accessKeyId", ACCESS_KEY_ID);
    set("aws.secretAccessKey", SECRET_ACCESS_KEY);
    set("aws.region", REGION.id());
  }

  /**
   * Points one service (a name in {@link #SERVICES}, e.g. "SesV2") at {@code endpoint}, e.g.
   * WireMock.
   */
  public static synchronized void pointServiceAt(String service, URI endpoint) {
    set(serviceEndpointProperty(service), endpoint.toString());
  }

  /** The SDK system property that overrides the endpoint of {@code service}. */
  public static String serviceEndpointProperty(String service) {
    if (!SERVICES.contains(service)) {
      throw new IllegalArgumentException(
          "unknown service " + service + ", expected one of " + SERVICES);
    }
    return ENDPOINT_PROPERTY + service;
  }

  /**
   * Restores every SDK property {@link #pointSdkAt} and {@link #pointServiceAt} changed; call in
   * {@code @AfterEach}/{@code @AfterAll}.
   */
  public static synchronized void clearSdkProperties() {
    SAVED.forEach(
        (key, previous) -> {
          if (previous == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, previous);
          }
        });
    SAVED.clear();
  }

  private static void set(String key, String value) {
    // not putIfAbsent: a saved null (the property was unset) counts as absent there, and a second
    // set would save the first value as "previous", leaking it past clearSdkProperties
    if (!SAVED.containsKey(key)) {
      SAVED.put(key, System.getProperty(key));
    }
    System.setProperty(key, value);
  }

  /** True when an HTTP server gives any response at {@code url}. */
  static boolean answers(URI url) {
    try {
      HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout(2_000);
      connection.setReadTimeout(5_000);
      try {
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
