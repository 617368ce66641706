package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganizationBlockTest {

  @Test
  void organization_parsesUnitsTagsRoleAndRegions_andAllowsNoHandWrittenAccounts() {
    SesOpsConfig cfg =
        ConfigParser.parse(
            """
        {"organization": {"organizational_units": ["ou-ab12-cdef3456", "r-ab12"], "tags": {"ses-ops": "on", "team": "*"},
          "role_name": "ses-ops-member", "external_id": "ext-1234", "regions": ["us-east-1", "eu-west-1", "us-east-1"]}}""");

    OrganizationConfig org = cfg.organization();
    assertThat(cfg.accounts()).isEmpty();
    assertThat(org.organizationalUnits()).containsExactly("ou-ab12-cdef3456", "r-ab12");
    assertThat(org.regions()).containsExactly("us-east-1", "eu-west-1");
    assertThat(org.roleName()).isEqualTo("ses-ops-member");
    assertThat(org.matches(Map.of("ses-ops", "on", "team", "mail"))).isTrue();
    assertThat(org.matches(Map.of("ses-ops", "off", "team", "mail"))).isFalse();
    assertThat(org.matches(Map.of("ses-ops", "on"))).isFalse();
    assertThat(org.toString()).doesNotContain("ext-1234");
  }

  @Test
  void organization_isOptional_andAccountsStayRequiredWithoutIt() {
    assertThat(
            ConfigParser.parse("{\"accounts\": {\"p\": {\"region\": \"us-east-1\"}}}")
                .organization())
        .isNull();
    assertThatThrownBy(() -> ConfigParser.parse("{}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("accounts: missing");
  }

  @Test
  void organization_reportsEveryProblemWithItsPath_neverTheExternalId() {
    assertThatThrownBy(
            () ->
                ConfigParser.parse(
                    """
        {"organization": {"organizational_units": ["engineering", 3], "tags": {"ses-ops": true},
          "external_id": "x", "regions": ["mars-1"]}}"""))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactlyInAnyOrder(
                        "organization.organizational_units[0]: not an OU id (ou-xxxx-xxxxxxxx) or root id (r-xxxx)",
                        "organization.organizational_units[1]: not an OU id (ou-xxxx-xxxxxxxx) or root id (r-xxxx)",
                        "organization.tags.ses-ops: expected a string",
                        "organization.role_name: missing",
                        "organization.external_id: must be 2-1224 characters of letters, digits and +=,.@:/-",
                        "organization.regions[0]: not an AWS Region name"));
    assertThatThrownBy(
            () -> ConfigParser.parse("{\"organization\": {\"role_name\": \"r\", \"regions\": []}}"))
        .hasMessageContaining("organization.regions: at least one Region is required");
    assertThatThrownBy(() -> ConfigParser.parse("{\"organization\": [1]}"))
        .hasMessageContaining("organization: expected an object");
    assertThatThrownBy(
            () ->
                ConfigParser.parse(
                    "{\"organization\": {\"role_name\": \"a/b\", \"regions\": [\"us-east-1\"]}}"))
        .hasMessageContaining("organization.role_name: not an IAM role name");
  }

  @Test
  void organization_withoutRegions_isRejected() {
    assertThatThrownBy(() -> ConfigParser.parse("{\"organization\": {\"role_name\": \"r\"}}"))
        .hasMessageContaining("organization.regions: missing");
  }
}
