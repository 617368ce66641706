package dev.sesops.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Json;
import dev.sesops.config.ConfigParser;
import dev.sesops.config.FleetItems;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.core.FleetItem;
import dev.sesops.testing.Emulator;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Discovery against moto's Organizations over the wire (AWS JSON 1.1, SigV4): nested OUs, a tag
 * filter, an account suspended through CloseAccount (moto 5.1.1 sets its Status to SUSPENDED at
 * once, without PENDING_CLOSURE), a sibling OU left out, and a hand-written entry winning over a
 * discovered one.
 */
class OrganizationDiscoveryIT {
  private static HttpOrganizations org;
  private static String unitA;
  private static String unitB;
  private static String unitC;
  private static String a1;
  private static String a2;
  private static String a3;
  private static String a4;
  private static String a5;

  @BeforeAll
  static void organization() {
    URI moto = Emulator.moto();
    org =
        new HttpOrganizations(
            UrlConnectionHttpClient.create(),
            moto,
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(Emulator.ACCESS_KEY_ID, Emulator.SECRET_ACCESS_KEY)),
            Clock.systemUTC(),
            d -> {});
    try {
      org.call("CreateOrganization", body("FeatureSet", "ALL"));
    } catch (OrganizationsException e) {
      // moto keeps state between runs: the organization may be there already
      assertThat(e.getMessage()).contains("AlreadyInOrganization");
    }
    String root = org.call("ListRoots", Json.object()).path("Roots").get(0).path("Id").asText();
    String run = UUID.randomUUID().toString().substring(0, 8);
    unitA = unit(root, "fleet-a-" + run);
    unitB = unit(unitA, "fleet-b-" + run);
    unitC = unit(root, "fleet-c-" + run);
    a1 = account("a1-" + run, root, unitA, "on");
    a2 = account("a2-" + run, root, unitB, "on");
    a3 = account("a3-" + run, root, unitA, "off");
    a4 = account("a4-" + run, root, unitA, "on");
    a5 = account("a5-" + run, root, unitC, "on");
    org.call("CloseAccount", body("AccountId", a4));
  }

  private static ObjectNode body(String key, String value) {
    ObjectNode n = Json.object();
    n.put(key, value);
    return n;
  }

  private static String unit(String parent, String name) {
    ObjectNode b = body("ParentId", parent);
    b.put("Name", name);
    return org.call("CreateOrganizationalUnit", b).path("OrganizationalUnit").path("Id").asText();
  }

  private static String account(String name, String root, String parent, String tag) {
    ObjectNode b = body("AccountName", name);
    b.put("Email", name + "@example.com");
    ObjectNode t = b.putArray("Tags").addObject();
    t.put("Key", "ses-ops");
    t.put("Value", tag);
    JsonNode status = org.call("CreateAccount", b).path("CreateAccountStatus");
    String id = status.path("AccountId").asText();
    ObjectNode move = body("AccountId", id);
    move.put("SourceParentId", root);
    move.put("DestinationParentId", parent);
    org.call("MoveAccount", move);
    return id;
  }

  private static SesOpsConfig config(String extraAccounts) {
    return ConfigParser.parse(
        """
        {"accounts": {%s},
         "organization": {"organizational_units": ["%s"], "tags": {"ses-ops": "on"},
           "role_name": "ses-ops-member", "external_id": "fleet-ext-1", "regions": ["us-east-1", "eu-west-1"]}}"""
            .formatted(extraAccounts, unitA));
  }

  @Test
  void discovery_coversNestedUnitsAndTaggedAccounts_skipsSuspendedAndListsIt() {
    // when
    Discovery.Result r = new Discovery(org).discover(config("").organization());

    // then: a1 (A) and a2 (B, nested under A); a3 has the wrong tag, a5 is in the sibling OU
    assertThat(r.accounts()).extracting(MemberAccount::id).containsExactlyInAnyOrder(a1, a2);
    assertThat(r.skipped())
        .containsExactly(new SkippedAccount(a4, r.skipped().get(0).name(), "SUSPENDED"));
    assertThat(r.skipped().get(0).name()).startsWith("a4-");
    assertThat(r.filteredByTags()).isEqualTo(1);
    assertThat(r.accounts()).extracting(MemberAccount::id).doesNotContain(a3, a5);
  }

  @Test
  void items_areDiscoveredAccountsTimesRegions_andAHandWrittenEntryWins() {
    // given: a1 is also written by hand, in us-east-1 with its own role
    SesOpsConfig cfg =
        config(
            """
        "prod": {"region": "us-east-1", "role_arn": "arn:aws:iam::%s:role/custom"}"""
                .formatted(a1));

    // when
    ItemList items = ItemList.of(cfg, new Discovery(org).discover(cfg.organization()));

    // then
    assertThat(items.items())
        .containsExactlyInAnyOrder(
            new FleetItem("prod", "us-east-1", a1, FleetItem.CONFIG),
            new FleetItem(a1 + "-eu-west-1", "eu-west-1", a1, FleetItem.ORGANIZATION),
            new FleetItem(a2 + "-us-east-1", "us-east-1", a2, FleetItem.ORGANIZATION),
            new FleetItem(a2 + "-eu-west-1", "eu-west-1", a2, FleetItem.ORGANIZATION));
    assertThat(items.skipped()).extracting(SkippedAccount::accountId).containsExactly(a4);
    // each item resolves to the account the functions run for: the member role with the external id
    var resolved = FleetItems.resolve(cfg, items.items());
    assertThat(resolved)
        .filteredOn(a -> a.name().equals(a2 + "-eu-west-1"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.roleArn()).isEqualTo("arn:aws:iam::" + a2 + ":role/ses-ops-member");
              assertThat(a.externalId()).isEqualTo("fleet-ext-1");
              assertThat(a.region()).isEqualTo("eu-west-1");
            });
    assertThat(resolved)
        .filteredOn(a -> a.name().equals("prod"))
        .singleElement()
        .satisfies(a -> assertThat(a.roleArn()).endsWith(":role/custom"));
  }

  @Test
  void wholeOrganization_whenNoUnitsAreNamed() {
    SesOpsConfig cfg =
        ConfigParser.parse(
            """
        {"organization": {"role_name": "ses-ops-member", "regions": ["us-east-1"]}}""");

    Discovery.Result r = new Discovery(org).discover(cfg.organization());

    assertThat(r.accounts())
        .extracting(MemberAccount::id)
        .contains(a1, a2, a3, a5)
        .doesNotContain(a4);
    assertThat(r.skipped()).extracting(SkippedAccount::accountId).contains(a4);
  }

  @Test
  void anUnknownUnit_failsWithTheOperationAndErrorCode() {
    SesOpsConfig cfg =
        ConfigParser.parse(
            """
        {"organization": {"organizational_units": ["ou-zzzz-zzzzzzzz"], "role_name": "r", "regions": ["us-east-1"]}}""");

    assertThatThrownBy(() -> new Discovery(org).discover(cfg.organization()))
        .isInstanceOf(OrganizationsException.class)
        .hasMessageContaining("ListAccountsForParent")
        .hasMessageNotContaining("testing");
  }
}
