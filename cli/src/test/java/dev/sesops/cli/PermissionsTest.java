package dev.sesops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import dev.sesops.permissions.SesPermissions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ses-ops permissions prints the shared lists as IAM policy documents (infra's
 * PermissionsSourceTest ties them to the stack).
 */
class PermissionsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Cli.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        null,
        false);
  }

  @Test
  void oneFunction_isAnIamPolicyDocument_withEveryActionOfTheSharedSource() {
    assertThat(run("permissions", "--function", "cleanup", "--json")).isZero();
    JsonNode doc = Json.read(out.toString(StandardCharsets.UTF_8));
    assertThat(doc.path("Version").asText()).isEqualTo("2012-10-17");
    List<String> actions = new ArrayList<>();
    doc.path("Statement").forEach(s -> s.path("Action").forEach(a -> actions.add(a.asText())));
    assertThat(actions)
        .containsAll(SesPermissions.CLEANUP)
        .contains("s3:PutObject", "sqs:SendMessage")
        .doesNotContain("ses:SendEmail");
    assertThat(doc.at("/Statement/0/Sid").asText()).isEqualTo("SesActions");
  }

  @Test
  void theApi_sendEmailStatement_namesTheAccountsIdentitiesAndConfigurationSets_asAList() {
    assertThat(run("permissions", "--function", "api", "--json")).isZero();
    JsonNode doc = Json.read(out.toString(StandardCharsets.UTF_8));
    JsonNode send = null;
    for (JsonNode st : doc.path("Statement")) {
      if (st.path("Action").toString().contains("ses:SendEmail")) {
        send = st;
      }
    }
    assertThat(send).isNotNull();
    assertThat(send.path("Resource").isArray()).isTrue();
    assertThat(send.path("Resource").toString())
        .contains("arn:PARTITION:ses:*:ACCOUNT:identity/*")
        .contains("arn:PARTITION:ses:*:ACCOUNT:configuration-set/*");
    assertThat(doc.path("Statement").toString()).contains("sts:SetSourceIdentity");
  }

  @Test
  void allFunctions_byName_andUnknownFunctions_exit2() {
    assertThat(run("permissions")).isZero();
    assertThat(Json.read(out.toString(StandardCharsets.UTF_8)).fieldNames())
        .toIterable()
        .containsExactlyElementsOf(SesPermissions.FUNCTIONS);
    assertThat(run("permissions", "--function", "nope")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "unknown function 'nope' (known: monitor, audit, cleanup, api, events, reports, member-role)");
  }
}
