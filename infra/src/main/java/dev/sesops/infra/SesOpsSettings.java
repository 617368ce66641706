package dev.sesops.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the team chooses at deploy time, read from CDK context: schedules, member roles, an existing
 * secret, the alert email and the accounts shown on the dashboard.
 *
 * @param protectionEnabled context {@code protectionEnabled}: grant the functions that act the SES
 *     sending switches (pause and resume); false by default, so a deployment cannot pause anything
 *     until the team says so
 */
public record SesOpsSettings(
    String monitorSchedule,
    String auditSchedule,
    String cleanupSchedule,
    List<String> memberRoleArns,
    String secretArn,
    String alertEmail,
    List<String> accounts,
    boolean protectionEnabled) {

  public static final String DEFAULT_MONITOR_SCHEDULE = "rate(15 minutes)";
  public static final String DEFAULT_AUDIT_SCHEDULE = "cron(0 5 * * ? *)";
  public static final String DEFAULT_CLEANUP_SCHEDULE = "cron(0 4 * * ? *)";

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]+");
  private static final Pattern SCHEDULE = Pattern.compile("(rate|cron)\\(.+\\)");

  public SesOpsSettings {
    monitorSchedule = schedule("monitorSchedule", monitorSchedule, DEFAULT_MONITOR_SCHEDULE);
    auditSchedule = schedule("auditSchedule", auditSchedule, DEFAULT_AUDIT_SCHEDULE);
    cleanupSchedule = schedule("cleanupSchedule", cleanupSchedule, DEFAULT_CLEANUP_SCHEDULE);
    memberRoleArns = List.copyOf(memberRoleArns == null ? List.of() : memberRoleArns);
    for (String arn : memberRoleArns) {
      if (!ROLE_ARN.matcher(arn).matches()) {
        throw new IllegalArgumentException(
            "context memberRoleArns: not an IAM role ARN: '" + arn + "'");
      }
    }
    secretArn = blankToNull(secretArn);
    if (secretArn != null && !secretArn.startsWith("arn:")) {
      throw new IllegalArgumentException("context secretArn: not an ARN: '" + secretArn + "'");
    }
    alertEmail = blankToNull(alertEmail);
    accounts = List.copyOf(accounts == null ? List.of() : accounts);
  }

  /**
   * All defaults: schedules as documented, no member roles, a new secret, no email, search-based
   * dashboard.
   */
  public static SesOpsSettings defaults() {
    return new SesOpsSettings(null, null, null, List.of(), null, null, List.of(), false);
  }

  /**
   * Reads the settings from CDK context ({@code -c key=value} or {@code cdk.json}). Lists may be
   * given as a comma-separated string or a JSON array.
   */
  public static SesOpsSettings fromContext(Function<String, Object> context) {
    return new SesOpsSettings(
        string(context.apply("monitorSchedule")),
        string(context.apply("auditSchedule")),
        string(context.apply("cleanupSchedule")),
        list(context.apply("memberRoleArns")),
        string(context.apply("secretArn")),
        string(context.apply("alertEmail")),
        list(context.apply("accounts")),
        bool("protectionEnabled", context.apply("protectionEnabled")));
  }

  /** true / false, as a boolean or a string; anything else is a mistake worth stopping for. */
  static boolean bool(String key, Object value) {
    if (value == null) {
      return false;
    }
    String v = value.toString().trim();
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(
        "context " + key + ": expected true or false, got '" + v + "'");
  }

  /** The existing secret to use instead of creating one. */
  public Optional<String> existingSecretArn() {
    return Optional.ofNullable(secretArn);
  }

  public Optional<String> alertEmailAddress() {
    return Optional.ofNullable(alertEmail);
  }

  /** Account ids of the member roles, in order, without repeats. */
  public List<String> memberAccountIds() {
    List<String> ids = new ArrayList<>();
    for (String arn : memberRoleArns) {
      Matcher m = ROLE_ARN.matcher(arn);
      if (m.matches() && !ids.contains(m.group(1))) {
        ids.add(m.group(1));
      }
    }
    return List.copyOf(ids);
  }

  private static String schedule(String key, String value, String fallback) {
    String v = blankToNull(value);
    if (v == null) {
      return fallback;
    }
    if (!SCHEDULE.matcher(v).matches()) {
      throw new IllegalArgumentException(
          "context " + key + ": expected rate(...) or cron(...), got '" + v + "'");
    }
    return v;
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private static List<String> list(Object value) {
    if (value == null) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    if (value instanceof Collection<?> c) {
      c.stream().filter(Objects::nonNull).map(Object::toString).forEach(items::add);
    } else {
      items.addAll(List.of(value.toString().split(",")));
    }
    return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
