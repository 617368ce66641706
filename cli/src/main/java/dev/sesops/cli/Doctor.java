package dev.sesops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.aws.AccountClients;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Json;
import dev.sesops.common.Settings;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigErrors;
import dev.sesops.config.ConfigException;
import dev.sesops.config.FileConfigSource;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.signals.EventsLastSeen;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code ses-ops doctor}: what is wrong with this setup, checked in order, each with ok, FAIL or
 * skip and the fix: Java, the jar, credentials (and whose), the API (a signed call), the config,
 * each account (a read-only SES call through its role or keys), the state table, topic and bucket.
 * Exit 0 when nothing failed. WARN marks what works today but leaves something out: an account
 * without {@code aws_account_id} (its SES events, per-scope alerts and protection cannot be mapped
 * to it), and an account from which no SES event has reached the stack in the events function's 15
 * days.
 */
final class Doctor {
  enum Status {
    OK,
    WARN,
    FAIL,
    SKIP
  }

  record Check(String name, Status status, String detail, String fix) {}

  private final Map<String, String> env;
  private final String profile;
  private final List<Check> checks = new ArrayList<>();

  Doctor(Map<String, String> env, String profile) {
    this.env = env;
    this.profile = profile;
  }

  List<Check> run() {
    java();
    jar();
    AwsCredentialsProvider creds = Credentials.provider(profile);
    boolean haveCredentials = credentials(creds);
    api(creds, haveCredentials);
    Settings settings;
    try {
      settings = Settings.fromEnv(env);
    } catch (RuntimeException e) {
      add("settings", Status.FAIL, e.getMessage(), "fix the environment variable named");
      return checks;
    }
    try (AccountClients clients = new AccountClients(settings.homeRegion())) {
      SesOpsConfig config = config(settings, clients);
      if (config != null) {
        config.accounts().values().forEach(a -> account(a, clients));
        if (config.organization() != null) {
          add(
              "organization",
              Status.WARN,
              "accounts discovered through AWS Organizations (ACCOUNTID-REGION) get the monitor, "
                  + "the audit, the cleanup and the events counters; the API, ses-ops top and protection reach the config's accounts only",
              "to give a discovered account those, add it to accounts with its aws_account_id, region and role_arn (docs/fleet.md)");
        }
      }
      boolean table =
          resource(
              "state table",
              settings.stateTable(),
              "SES_OPS_STATE_TABLE",
              () -> clients.dynamoDb().describeTable(r -> r.tableName(settings.stateTable())));
      if (config != null && table) {
        events(config, new EventsLastSeen(clients.dynamoDb(), settings.stateTable()));
      }
      resource(
          "alert topic",
          settings.alertTopicArn(),
          "SES_OPS_ALERT_TOPIC_ARN",
          () -> clients.sns().getTopicAttributes(r -> r.topicArn(settings.alertTopicArn())));
      resource(
          "report bucket",
          settings.reportBucket(),
          "SES_OPS_REPORT_BUCKET",
          () -> clients.s3().headBucket(r -> r.bucket(settings.reportBucket())));
    }
    return checks;
  }

  private void add(String name, Status status, String detail, String fix) {
    checks.add(new Check(name, status, detail, fix));
  }

  private void java() {
    int feature = Runtime.version().feature();
    add(
        "java",
        feature >= 17 ? Status.OK : Status.FAIL,
        Runtime.version() + " (" + System.getProperty("java.home") + ")",
        feature >= 17 ? null : "install JDK 17 or newer, or point JAVA at one");
  }

  private void jar() {
    try {
      Path p = Path.of(Cli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      add("jar", Status.OK, p.toString(), null);
    } catch (Exception e) {
      add(
          "jar",
          Status.FAIL,
          "cannot tell where ses-ops runs from",
          "build it: mvn -B -q -pl cli -am package -DskipTests");
    }
  }

  private boolean credentials(AwsCredentialsProvider creds) {
    String name = Credentials.profileName(profile, env);
    try {
      creds.resolveCredentials();
    } catch (RuntimeException e) {
      add(
          "credentials",
          Status.FAIL,
          Credentials.explain(e, name),
          "aws sso login --profile " + name + ", or aws configure");
      return false;
    }
    try (StsClient sts =
        StsClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(creds)
            .region(
                Region.of(
                    env.getOrDefault(
                        "AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"))))
            .build()) {
      String arn = sts.getCallerIdentity().arn();
      add("credentials", Status.OK, "profile " + name + ": " + arn, null);
      return true;
    } catch (SdkException e) {
      add(
          "credentials",
          Status.FAIL,
          "profile "
              + name
              + " has credentials, but STS GetCallerIdentity failed: "
              + SdkErrors.describe(e),
          "check the keys or run aws sso login --profile " + name);
      return false;
    }
  }

  private void api(AwsCredentialsProvider creds, boolean haveCredentials) {
    String url = env.get("SES_OPS_API_URL");
    if (url == null || url.isBlank()) {
      add(
          "api",
          Status.SKIP,
          "SES_OPS_API_URL is not set",
          "set it to the stack's ApiUrl output, or use --local");
      return;
    }
    if (!haveCredentials) {
      add("api", Status.SKIP, "no credentials to sign with", "fix the credentials first");
      return;
    }
    try {
      URI base = URI.create(url.trim());
      Transport.Response r =
          new HttpTransport(
                  base,
                  creds,
                  Credentials.profileName(profile, env),
                  HttpTransport.region(base, env),
                  Clock.systemUTC())
              .send("GET", "/accounts", Map.of(), null);
      if (r.status() == 200) {
        add(
            "api",
            Status.OK,
            url
                + " answered a signed GET /accounts ("
                + r.body().path("accounts").size()
                + " accounts)",
            null);
      } else {
        add(
            "api",
            Status.FAIL,
            url + " answered HTTP " + r.status() + " " + r.body().at("/error/code").asText(""),
            r.status() == 403
                ? "the caller needs execute-api:Invoke on the API (ses-ops permissions)"
                : "see the API's logs");
      }
    } catch (RuntimeException e) {
      add("api", Status.FAIL, e.getMessage(), "check SES_OPS_API_URL and the network");
    }
  }

  private SesOpsConfig config(Settings settings, AccountClients clients) {
    String where =
        settings.secretId() != null
            ? "secret " + settings.secretId()
            : settings.configFile() == null ? null : settings.configFile().toString();
    if (where == null) {
      add(
          "config",
          Status.SKIP,
          "neither SES_OPS_CONFIG_FILE nor SES_OPS_SECRET_ID is set",
          "set one to check the config and the accounts");
      return null;
    }
    try {
      SesOpsConfig c =
          settings.secretId() != null
              ? clients.configSource(settings, e -> {}).load()
              : new FileConfigSource(settings.configFile()).load();
      add("config", Status.OK, where + ": " + c.accounts().size() + " account(s)", null);
      return c;
    } catch (ConfigException e) {
      add(
          "config",
          Status.FAIL,
          ConfigErrors.plain(e, where).replaceFirst("^ses-ops: ", ""),
          "fix the config (each problem names its JSON path)");
      return null;
    } catch (SdkException e) {
      add(
          "config",
          Status.FAIL,
          where + ": " + SdkErrors.describe(e),
          "check SES_OPS_SECRET_ID and secretsmanager:GetSecretValue");
      return null;
    }
  }

  private void account(AccountConfig a, AccountClients clients) {
    String name = "account " + a.name();
    String how =
        a.roleArn() != null
            ? "role " + a.roleArn()
            : a.staticKeys() != null ? "static keys" : "the caller's own credentials";
    if (a.awsAccountId() == null) {
      add(
          name + " id",
          Status.WARN,
          "accounts."
              + a.name()
              + ".aws_account_id is not set: SES events, per-scope alerts and "
              + "protection cannot be matched to this account",
          "add \"aws_account_id\": \"123456789012\" (the account's 12-digit id) to accounts."
              + a.name());
    }
    try {
      double max = clients.ses(a).getSendQuota().max24HourSend();
      add(
          name,
          Status.OK,
          a.region()
              + " via "
              + how
              + ": ses:GetSendQuota allowed (max 24 h send "
              + (long) max
              + ")",
          null);
    } catch (SdkException e) {
      String what = SdkErrors.describe(e);
      boolean role =
          a.roleArn() != null
              && (what.contains("AssumeRole")
                  || String.valueOf(e.getMessage()).contains("AssumeRole"));
      add(
          name,
          Status.FAIL,
          a.region() + " via " + how + ": " + what,
          role
              ? "the caller may not assume "
                  + a.roleArn()
                  + ": deploy the member role (docs/deploy.md) and check external_id"
              : "the account's credentials need ses:GetSendQuota (ses-ops permissions --function member-role)");
    }
  }

  private boolean resource(String name, String value, String variable, Runnable call) {
    if (value == null) {
      add(name, Status.SKIP, variable + " is not set", "set it to the stack's output to check it");
      return false;
    }
    try {
      call.run();
      add(name, Status.OK, value + " reachable", null);
      return true;
    } catch (SdkException e) {
      add(
          name,
          Status.FAIL,
          value + ": " + SdkErrors.describe(e),
          "check " + variable + " and the caller's permissions (ses-ops permissions)");
      return false;
    }
  }

  /**
   * Per account: has an SES sending event reached the events function's counters in their 15 days?
   */
  private void events(SesOpsConfig config, EventsLastSeen lastSeen) {
    for (AccountConfig a : config.accounts().values()) {
      String name = "events " + a.name();
      List<String> names =
          a.awsAccountId() == null ? List.of(a.name()) : List.of(a.name(), a.awsAccountId());
      try {
        Optional<Instant> last = lastSeen.lastEvent(names);
        if (last.isPresent()) {
          add(name, Status.OK, "last SES event counted at " + last.get(), null);
        } else {
          add(
              name,
              Status.WARN,
              "no SES event from this account has reached ses-ops in 15 days",
              "ses-ops connect-events "
                  + a.name()
                  + " CONFIG_SET --apply for each configuration set (docs/getting-started.md), then send a test email");
        }
      } catch (RuntimeException e) {
        add(
            name,
            Status.FAIL,
            e.getMessage(),
            "the caller needs dynamodb:Query on the state table");
      }
    }
  }

  static boolean allPassed(List<Check> checks) {
    return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
  }

  static ObjectNode json(List<Check> checks) {
    ObjectNode root = Json.object().put("ok", allPassed(checks));
    ArrayNode list = root.putArray("checks");
    checks.forEach(
        c -> {
          ObjectNode n =
              list.addObject()
                  .put("check", c.name())
                  .put("status", c.status().name().toLowerCase(java.util.Locale.ROOT))
                  .put("detail", c.detail());
          if (c.fix() != null && c.status() != Status.OK) {
            n.put("fix", c.fix());
          }
        });
    return root;
  }

  static void print(List<Check> checks, PrintStream out) {
    for (Check c : checks) {
      String mark =
          switch (c.status()) {
            case OK -> "ok  ";
            case WARN -> "WARN";
            case FAIL -> "FAIL";
            case SKIP -> "skip";
          };
      String[] lines = c.detail().split("\\R");
      out.printf("%s  %-22s %s%n", mark, c.name(), lines[0]);
      for (int i = 1; i < lines.length; i++) {
        out.printf("      %-22s %s%n", "", lines[i]);
      }
      if (c.status() != Status.OK && c.fix() != null) {
        out.printf("      %-22s fix: %s%n", "", c.fix());
      }
    }
  }
}
