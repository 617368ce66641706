package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A first run's config problems, as the plain text a person at a terminal reads. */
class ConfigErrorsTest {

  private static String fixture(String name) throws IOException {
    try (InputStream in = ConfigErrorsTest.class.getResourceAsStream("/config-fixtures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ConfigException parseFails(String text) {
    return catchThrowableOfType(ConfigException.class, () -> ConfigParser.parse(text));
  }

  @Test
  void helpersTemplate_namesEachPlaceholder_showingKeyIdsButNeverTheSecretKeys()
      throws IOException {
    ConfigException e = parseFails(fixture("helper-template.json"));

    String text = ConfigErrors.plain(e, "configs/ses-config.json");

    assertThat(e.kind()).isEqualTo(ConfigException.Kind.INVALID);
    assertThat(text.lines()).first().isEqualTo("ses-ops: configs/ses-config.json is not usable:");
    assertThat(text.lines().skip(1)).allMatch(l -> l.startsWith("  accounts."));
    assertThat(text)
        .contains(
            "  accounts.production.aws_access_key_id: still the template's placeholder (YOUR_PRODUCTION_AWS_ACCESS_KEY_ID_HERE); "
                + "put the account's key id here, or better, a role_arn",
            "  accounts.production.aws_secret_access_key: still the template's placeholder; put the account's secret key here, or better, a role_arn",
            "  accounts.client1.aws_access_key_id: still the template's placeholder (YOUR_CLIENT1_AWS_ACCESS_KEY_ID_HERE)");
    assertThat(text)
        .doesNotContain("SECRET_ACCESS_KEY_HERE", "not an access key id", "HTTP", "request");
    assertThat(text.lines()).hasSize(1 + 6);
  }

  @Test
  void wrongType_namesThePathAndTheType() throws IOException {
    ConfigException e = parseFails(fixture("wrong-type.json"));

    assertThat(ConfigErrors.plain(e, "my.json"))
        .isEqualTo(
            "ses-ops: my.json is not usable:"
                + System.lineSeparator()
                + "  accounts.production.region: expected a string, got a number");
  }

  @Test
  void brokenJson_isOneLine_withLineAndColumn_andNoContent() throws IOException {
    ConfigException e = parseFails(fixture("broken.json"));

    String text = ConfigErrors.plain(e, "my.json");

    assertThat(e.kind()).isEqualTo(ConfigException.Kind.NOT_JSON);
    assertThat(text)
        .matches("ses-ops: my\\.json is not valid JSON \\(line 6, column \\d+\\)")
        .doesNotContain("broken-json-secret-value");
  }

  @Test
  void emptyOrMissingAccounts_isOneLine_pointingAtTheTemplate() throws IOException {
    for (String doc : new String[] {fixture("no-accounts.json"), "{}"}) {
      ConfigException e = parseFails(doc);
      assertThat(e.kind()).isEqualTo(ConfigException.Kind.NO_ACCOUNTS);
      assertThat(ConfigErrors.plain(e, "my.json"))
          .startsWith("ses-ops: my.json has no accounts: add at least one under \"accounts\"")
          .contains("configs/ses-config.json.txt")
          .doesNotContain(System.lineSeparator());
    }
  }

  @Test
  void missingFile_isOneLine_namingTheFileAndTheVariable() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () -> new FileConfigSource(Path.of("no/such/ses-config.json")).load());

    assertThat(e.kind()).isEqualTo(ConfigException.Kind.UNREADABLE);
    assertThat(ConfigErrors.plain(e, "no/such/ses-config.json"))
        .isEqualTo(
            "ses-ops: config file no/such/ses-config.json does not exist (SES_OPS_CONFIG_FILE); start from the template configs/ses-config.json.txt");
  }

  @Test
  void find_digsTheConfigProblemOutOfWrappers() {
    ConfigException inner = new ConfigException(java.util.List.of("accounts.x.region: missing"));
    assertThat(ConfigErrors.find(new IllegalStateException("wrapped", new RuntimeException(inner))))
        .containsSame(inner);
    assertThat(ConfigErrors.find(new IllegalStateException("other"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "YOUR_PRODUCTION_AWS_ACCESS_KEY_ID_HERE",
        "your-region-here",
        "REPLACE_ME",
        "replace-with-a-random-string",
        "CHANGE_ME",
        "changeme",
        "<your key id>",
        "EXAMPLE_KEY_ID",
        "key-example",
        "EXAMPLE"
      })
  void placeholders_areRecognisedByShape(String value) {
    assertThat(Placeholders.is(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AKIAFIRSTCONTACT0001",
        "us-east-1",
        "arn:aws:iam::111122223333:role/ses-ops",
        "yourdomain.com"
      })
  void realLookingValues_areNotPlaceholders(String value) {
    assertThat(Placeholders.is(value)).isFalse();
  }

  @Test
  void placeholderRoleArnAndRegion_sayWhatToPutThere() {
    ConfigException e =
        parseFails(
            """
        {"accounts": {"p": {"region": "YOUR_REGION_HERE", "role_arn": "REPLACE_WITH_ROLE_ARN", "external_id": "REPLACE_ME"}}}""");

    assertThat(e.problems())
        .containsExactly(
            "accounts.p.region: still the template's placeholder (YOUR_REGION_HERE); put the account's SES Region here (us-east-1, eu-west-1, ...)",
            "accounts.p.role_arn: still the template's placeholder (REPLACE_WITH_ROLE_ARN); put the ARN of the role ses-ops assumes in this account here",
            "accounts.p.external_id: still the template's placeholder; put the role's external id here (or remove the key)");
  }
}
