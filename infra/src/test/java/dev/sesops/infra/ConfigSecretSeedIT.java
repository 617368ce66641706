package dev.sesops.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's own Python handler (the code the stack deploys, byte for byte) against Secrets Manager
 * in moto, with a recording stand-in for CloudFormation's cfnresponse: Create fills an empty
 * secret, an Update with a changed template leaves the value alone, and a Create on a secret that
 * already has a value (an upgrade from a stack that kept the value in its template) leaves it alone
 * too.
 */
class ConfigSecretSeedIT {

  static final String MOTO =
      System.getenv().getOrDefault("SES_OPS_MOTO_ENDPOINT", "http://127.0.0.1:5055");

  static final String DRIVER =
      """
            import json, sys, boto3
            sys.path.insert(0, sys.argv[1])
            sm = boto3.client('secretsmanager')
            op = sys.argv[2]
            if op == 'create-empty':
                print(sm.create_secret(Name=sys.argv[3])['ARN'])
            elif op == 'create-with':
                print(sm.create_secret(Name=sys.argv[3], SecretString=sys.argv[4])['ARN'])
            elif op == 'value':
                print(sm.get_secret_value(SecretId=sys.argv[3])['SecretString'])
            else:
                import index, cfnresponse
                index.handler({'RequestType': op, 'ResourceProperties': {'SecretArn': sys.argv[3], 'Template': sys.argv[4]}}, None)
                print(cfnresponse.sent[-1])
            """;

  static final String CFNRESPONSE =
      """
            SUCCESS = 'SUCCESS'
            FAILED = 'FAILED'
            sent = []
            def send(event, context, status, data, physical_id, reason=None):
                sent.append(status + ' ' + physical_id + (' ' + reason if reason else ''))
            """;

  @TempDir Path dir;
  String name;

  @BeforeEach
  void writeTheHandler() throws IOException {
    Files.writeString(dir.resolve("index.py"), ConfigSecret.SEED_HANDLER);
    Files.writeString(dir.resolve("cfnresponse.py"), CFNRESPONSE);
    Files.writeString(dir.resolve("driver.py"), DRIVER);
    name = "ses-ops-seed-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void create_fillsTheEmptySecret_thenAnUpdateWithAChangedTemplate_leavesTheValue()
      throws Exception {
    String arn = python("create-empty", name);

    assertThat(python("Create", arn, "{\"v\": 1}")).isEqualTo("SUCCESS ses-ops-config-seed");
    assertThat(python("value", arn)).isEqualTo("{\"v\": 1}");

    assertThat(python("Update", arn, "{\"v\": 2}")).isEqualTo("SUCCESS ses-ops-config-seed");
    assertThat(python("value", arn)).isEqualTo("{\"v\": 1}");
    assertThat(python("Delete", arn, "{\"v\": 2}")).isEqualTo("SUCCESS ses-ops-config-seed");
    assertThat(python("value", arn)).isEqualTo("{\"v\": 1}");
  }

  @Test
  void create_onASecretThatHasAValue_leavesIt() throws Exception {
    String arn = python("create-with", name, "{\"team\": \"config\"}");

    assertThat(python("Create", arn, "{\"template\": true}"))
        .isEqualTo("SUCCESS ses-ops-config-seed");

    assertThat(python("value", arn)).isEqualTo("{\"team\": \"config\"}");
  }

  @Test
  void create_onAMissingSecret_reportsFailedToCloudFormation_namingTheErrorNotTheValue()
      throws Exception {
    String result =
        python(
            "Create",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-AbCdEf",
            "{\"do-not-leak\": 1}");

    assertThat(result)
        .startsWith("FAILED ses-ops-config-seed seeding the config secret failed: ")
        .doesNotContain("do-not-leak");
  }

  private String python(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("python3", dir.resolve("driver.py").toString(), dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
    pb.environment()
        .putAll(
            Map.of(
                "AWS_ENDPOINT_URL",
                MOTO,
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "AWS_DEFAULT_REGION",
                "us-east-1"));
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err).isZero();
    // the handler's own log lines come first; the driver's answer is the last line
    List<String> lines = out.lines().toList();
    return lines.get(lines.size() - 1);
  }
}
