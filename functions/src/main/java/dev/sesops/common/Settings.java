package dev.sesops.common;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime contract: every environment variable the functions read, in one place.
 *
 * @param secretId SES_OPS_SECRET_ID: the secret holding the config document (deployed)
 * @param configFile SES_OPS_CONFIG_FILE: a local config file instead of the secret
 * @param alertTopicArn SES_OPS_ALERT_TOPIC_ARN
 * @param stateTable SES_OPS_STATE_TABLE
 * @param reportBucket SES_OPS_REPORT_BUCKET
 * @param dnsServers SES_OPS_DNS_SERVERS, host[:port],... (empty: the system's resolvers)
 * @param sesCallsPerSecond SES_OPS_SES_CALLS_PER_SECOND: pace of each SES operation per account and
 *     Region where SES states no rate (default 1); documented rates apply unless this is higher
 * @param sesAccountCallsPerSecond SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND: all SES operations of an
 *     account and Region together (default 20, or SES_OPS_SES_CALLS_PER_SECOND when that is higher)
 * @param homeRegion AWS_REGION (default us-east-1): where the stack's own resources live
 * @param reportsReceiptDomain SES_OPS_REPORTS_RECEIPT_DOMAIN: the domain whose dmarc@ mail the
 *     stack receives (context reportsReceiptDomain; null: none)
 */
public record Settings(
    String secretId,
    Path configFile,
    String alertTopicArn,
    String stateTable,
    String reportBucket,
    String dnsServers,
    double sesCallsPerSecond,
    double sesAccountCallsPerSecond,
    String homeRegion,
    String reportsReceiptDomain) {

  /**
   * SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND's default: above BatchGetMetricData's documented 16 a
   * second.
   */
  public static final double DEFAULT_SES_ACCOUNT_CALLS_PER_SECOND = 20;

  public static Settings fromEnv(Map<String, String> env) {
    String file = blankToNull(env.get("SES_OPS_CONFIG_FILE"));
    double perSecond = rate(env, "SES_OPS_SES_CALLS_PER_SECOND", 1.0);
    double perAccount =
        rate(
            env,
            "SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND",
            Math.max(DEFAULT_SES_ACCOUNT_CALLS_PER_SECOND, perSecond));
    String region =
        Optional.ofNullable(blankToNull(env.get("AWS_REGION")))
            .or(() -> Optional.ofNullable(blankToNull(env.get("AWS_DEFAULT_REGION"))))
            .orElse("us-east-1");
    return new Settings(
        blankToNull(env.get("SES_OPS_SECRET_ID")),
        file == null ? null : Path.of(file),
        blankToNull(env.get("SES_OPS_ALERT_TOPIC_ARN")),
        blankToNull(env.get("SES_OPS_STATE_TABLE")),
        blankToNull(env.get("SES_OPS_REPORT_BUCKET")),
        blankToNull(env.get("SES_OPS_DNS_SERVERS")),
        perSecond,
        perAccount,
        region,
        blankToNull(env.get("SES_OPS_REPORTS_RECEIPT_DOMAIN")));
  }

  /** A calls-per-second variable: a number above 0, at most 1000. */
  private static double rate(Map<String, String> env, String name, double fallback) {
    String raw = blankToNull(env.get(name));
    if (raw == null) {
      return fallback;
    }
    double perSecond;
    try {
      perSecond = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new BadInputException(name, "not a number");
    }
    if (!(perSecond > 0) || perSecond > 1000) {
      throw new BadInputException(name, "must be between 0 and 1000");
    }
    return perSecond;
  }

  public String requireAlertTopicArn() {
    return require(alertTopicArn, "SES_OPS_ALERT_TOPIC_ARN");
  }

  public String requireStateTable() {
    return require(stateTable, "SES_OPS_STATE_TABLE");
  }

  public String requireReportBucket() {
    return require(reportBucket, "SES_OPS_REPORT_BUCKET");
  }

  private static String require(String value, String name) {
    if (value == null) {
      throw new MissingSettingException(name);
    }
    return value;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /**
   * The one caller {@code serve --verify-sigv4} accepts: SES_OPS_API_ACCESS_KEY_ID and
   * SES_OPS_API_SECRET_ACCESS_KEY, with SES_OPS_API_SESSION_TOKEN when the caller uses temporary
   * credentials (SSO, an assumed role). Fails naming the first variable that is missing.
   */
  public static ApiCaller apiCaller(Map<String, String> env) {
    return new ApiCaller(
        require(blankToNull(env.get("SES_OPS_API_ACCESS_KEY_ID")), "SES_OPS_API_ACCESS_KEY_ID"),
        require(
            blankToNull(env.get("SES_OPS_API_SECRET_ACCESS_KEY")), "SES_OPS_API_SECRET_ACCESS_KEY"),
        blankToNull(env.get("SES_OPS_API_SESSION_TOKEN")));
  }

  /**
   * Whether S3 is addressed path-style: SES_OPS_S3_PATH_STYLE=true, or an endpoint override
   * (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_S3), since emulators serve buckets by path.
   */
  public static boolean s3PathStyle(Map<String, String> env) {
    return Boolean.parseBoolean(env.getOrDefault("SES_OPS_S3_PATH_STYLE", "false"))
        || env.get("AWS_ENDPOINT_URL") != null
        || env.get("AWS_ENDPOINT_URL_S3") != null;
  }

  /** Whether this process is a Lambda function (AWS_LAMBDA_FUNCTION_NAME is set by the runtime). */
  public static boolean inLambda(Map<String, String> env) {
    return env.containsKey("AWS_LAMBDA_FUNCTION_NAME");
  }

  /** {@link #inLambda(Map)} of this process's environment. */
  public static boolean inLambda() {
    return inLambda(System.getenv());
  }

  /**
   * SES_OPS_LOCAL_TIMEOUT_SECONDS: how long a local {@code invoke} may run (default 900 s, Lambda's
   * limit).
   */
  public static java.time.Duration localTimeout(Map<String, String> env) {
    String raw = blankToNull(env.get("SES_OPS_LOCAL_TIMEOUT_SECONDS"));
    if (raw == null) {
      return java.time.Duration.ofSeconds(900);
    }
    try {
      long s = Long.parseLong(raw.trim());
      if (s < 1) {
        throw new BadInputException("SES_OPS_LOCAL_TIMEOUT_SECONDS", "must be at least 1");
      }
      return java.time.Duration.ofSeconds(s);
    } catch (NumberFormatException e) {
      throw new BadInputException("SES_OPS_LOCAL_TIMEOUT_SECONDS", "not a whole number of seconds");
    }
  }

  /**
   * The clock of a run: the system's, except in a local run with SES_OPS_LOCAL_NOW set (an ISO
   * instant), which starts the clock there, for replaying events of another time (the demo's "an
   * hour later"). Never in Lambda.
   */
  public static java.time.Clock clock(Map<String, String> env) {
    String raw = blankToNull(env.get("SES_OPS_LOCAL_NOW"));
    if (raw == null || inLambda(env)) {
      return java.time.Clock.systemUTC();
    }
    try {
      java.time.Instant at = java.time.Instant.parse(raw.trim());
      return java.time.Clock.offset(
          java.time.Clock.systemUTC(), java.time.Duration.between(java.time.Instant.now(), at));
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadInputException(
          "SES_OPS_LOCAL_NOW", "not an ISO instant such as 2026-12-07T12:00:00Z");
    }
  }

  /** {@link #s3PathStyle(Map)} of this process's environment. */
  public static boolean s3PathStyle() {
    return s3PathStyle(System.getenv());
  }

  /** A key pair, and a session token or null; {@link #toString} shows the key id only. */
  public record ApiCaller(String accessKeyId, String secretAccessKey, String sessionToken) {
    @Override
    public String toString() {
      return "ApiCaller[accessKeyId="
          + accessKeyId
          + ", sessionToken="
          + (sessionToken == null ? "none" : "set")
          + "]";
    }
  }

  /** A required environment variable is not set. */
  public static final class MissingSettingException extends RuntimeException {
    public MissingSettingException(String name) {
      super("environment variable " + name + " is not set");
    }
  }
}
