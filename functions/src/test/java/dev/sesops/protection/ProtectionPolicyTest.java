package dev.sesops.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sesops.config.ActLevel;
import dev.sesops.config.ConfigException;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.Levels;
import dev.sesops.config.Metric;
import dev.sesops.config.ProtectionPolicy;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import dev.sesops.core.Window;
import org.junit.jupiter.api.Test;

class ProtectionPolicyTest {
  private static String doc(String block, String account) {
    return """
        {"accounts": {"shop": {"region": "us-east-1"%s}, "other": {"region": "eu-west-1"}}%s}
        """
        .formatted(
            account == null ? "" : ", \"protection\": " + account,
            block == null ? "" : ", \"protection\": " + block);
  }

  private static ConfigException rejected(String json) {
    return catchThrowableOfType(() -> ConfigParser.parse(json), ConfigException.class);
  }

  @Test
  void noBlock_isOff_withTheEventsActLevels_andNoAccountPause() {
    ProtectionPolicy p = ConfigParser.parse(doc(null, null)).account("shop").protection();
    assertThat(p.mode()).isEqualTo(ProtectionPolicy.Mode.OFF);
    assertThat(p.allowAccountPause()).isFalse();
    assertThat(p.maxPausesPerHour()).isEqualTo(3);
    Levels cs = p.levels(ScopeKind.CONFIGURATION_SET);
    assertThat(cs.get(Metric.HARD_BOUNCE, Window.H1)).isEqualTo(new ActLevel(10.0, 200, 20));
    assertThat(cs.get(Metric.HARD_BOUNCE, Window.H24)).isEqualTo(new ActLevel(5.0, 1_000, 50));
    assertThat(cs.get(Metric.COMPLAINT, Window.H1)).isEqualTo(new ActLevel(1.0, 200, 5));
    assertThat(cs.get(Metric.COMPLAINT, Window.H24)).isEqualTo(new ActLevel(0.3, 1_000, 10));
    assertThat(p.levels(ScopeKind.TENANT)).isEqualTo(cs);
    assertThat(p.levels(ScopeKind.ACCOUNT).get(Metric.HARD_BOUNCE, Window.H24).percent())
        .isEqualTo(8.0);
    assertThat(p.levels(ScopeKind.ACCOUNT).get(Metric.COMPLAINT, Window.H1).percent())
        .isEqualTo(0.4);
  }

  @Test
  void block_setsWhatItNames_andKeepsTheRestOfEachLevel() {
    SesOpsConfig c =
        ConfigParser.parse(
            doc(
                """
        {"mode": "enforce", "allow_account_pause": true, "max_pauses_per_hour": 5,
         "levels": {"tenant": {"complaint": {"1h": {"act": 0.5}}}},
         "never_pause": {"configuration_sets": ["transactional"], "tenants": ["bigcustomer"]}}""",
                null));
    ProtectionPolicy p = c.account("shop").protection();
    assertThat(p.mode()).isEqualTo(ProtectionPolicy.Mode.ENFORCE);
    assertThat(p.allowAccountPause()).isTrue();
    assertThat(p.maxPausesPerHour()).isEqualTo(5);
    assertThat(p.levels(ScopeKind.TENANT).get(Metric.COMPLAINT, Window.H1))
        .isEqualTo(new ActLevel(0.5, 200, 5));
    assertThat(p.levels(ScopeKind.CONFIGURATION_SET).get(Metric.COMPLAINT, Window.H1))
        .isEqualTo(new ActLevel(1.0, 200, 5));
    assertThat(p.neverPause(Scope.configurationSet("transactional"))).isTrue();
    assertThat(p.neverPause(Scope.tenant("bigcustomer"))).isTrue();
    assertThat(p.neverPause(Scope.configurationSet("marketing"))).isFalse();
    assertThat(c.protection()).isEqualTo(p);
  }

  @Test
  void accountBlock_mergesOverTheDocumentsBlock_forThatAccountOnly() {
    SesOpsConfig c =
        ConfigParser.parse(
            doc(
                "{\"mode\": \"dry_run\", \"never_pause\": {\"tenants\": [\"vip\"]}}",
                "{\"mode\": \"enforce\", \"levels\": {\"configuration_set\": {\"hard_bounce\": {\"24h\": {\"min_sends\": 5000}}}}}"));
    ProtectionPolicy shop = c.account("shop").protection();
    assertThat(shop.mode()).isEqualTo(ProtectionPolicy.Mode.ENFORCE);
    assertThat(shop.neverPauseTenants()).containsExactly("vip");
    assertThat(shop.levels(ScopeKind.CONFIGURATION_SET).get(Metric.HARD_BOUNCE, Window.H24))
        .isEqualTo(new ActLevel(5.0, 5000, 50));
    assertThat(c.account("other").protection().mode()).isEqualTo(ProtectionPolicy.Mode.DRY_RUN);
  }

  @Test
  void badValues_areRejected_eachWithItsJsonPath() {
    ConfigException e =
        rejected(
            doc(
                """
        {"mode": "on", "allow_account_pause": "yes", "max_pauses_per_hour": 0,
         "levels": {"configuration_set": {"hard_bounce": {"1h": {"act": 120, "min_sends": -1}, "2h": {}}, "spam": {}},
                    "domain": {}},
         "never_pause": {"configuration_sets": ["ok", "bad name!", 7], "identities": []}}""",
                null));
    assertThat(e).isNotNull();
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "protection.mode: expected \"off\", \"dry_run\" or \"enforce\"",
            "protection.allow_account_pause: expected true or false",
            "protection.max_pauses_per_hour: expected a whole number from 1 to 100",
            "protection.levels.domain: unknown scope type (use configuration_set, tenant or account)",
            "protection.levels.configuration_set.spam: unknown metric (use hard_bounce or complaint)",
            "protection.levels.configuration_set.hard_bounce.2h: unknown window (use 1h or 24h)",
            "protection.levels.configuration_set.hard_bounce.1h.act: expected a percentage above 0 up to 100",
            "protection.levels.configuration_set.hard_bounce.1h.min_sends: expected a whole number from 1 to 1000000000",
            "protection.never_pause.configuration_sets[1]: expected a name of 1-64 letters, digits, '.', '_' or '-'",
            "protection.never_pause.configuration_sets[2]: expected a name of 1-64 letters, digits, '.', '_' or '-'",
            "protection.never_pause.identities: unknown key (use configuration_sets or tenants)");
  }

  @Test
  void badValueInAnAccountsBlock_isRejectedWithTheAccountsPath() {
    ConfigException e =
        rejected(
            doc(
                null,
                "{\"levels\": {\"account\": {\"complaint\": {\"24h\": {\"act\": \"high\"}}}}, \"mode\": 3}"));
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "accounts.shop.protection.mode: expected \"off\", \"dry_run\" or \"enforce\"",
            "accounts.shop.protection.levels.account.complaint.24h.act: expected a percentage above 0 up to 100");
  }

  @Test
  void blockOfTheWrongType_isRejected() {
    assertThat(rejected(doc("[]", null)).problems())
        .containsExactly("protection: expected an object");
  }
}
