package dev.sesops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.core.FleetItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetItemsTest {
  private static final SesOpsConfig CFG =
      ConfigParser.parse(
          """
      {"accounts": {"prod": {"region": "us-east-1", "role_arn": "arn:aws:iam::111122223333:role/ses-ops"},
                    "legacy": {"region": "eu-west-1"}},
       "organization": {"role_name": "ses-ops-member", "external_id": "ext-1", "regions": ["us-east-1", "eu-west-1"]}}""");

  @Test
  void parse_readsOneItem_aBatch_andLeavesScheduledEventsAlone() {
    assertThat(
            FleetItems.parse(
                Json.read(
                    "{\"fleet_item\":{\"account\":\"prod\",\"region\":\"us-east-1\",\"source\":\"config\"}}")))
        .containsExactly(new FleetItem("prod", "us-east-1", null, "config"));
    assertThat(
            FleetItems.parse(
                Json.read(
                    """
        {"Items": [{"account":"prod","region":"us-east-1","source":"config"},
                   {"account":"444455556666-eu-west-1","region":"eu-west-1","account_id":"444455556666","source":"organization"}],
         "BatchInput": {"job": "monitor"}}""")))
        .hasSize(2);
    // an EventBridge event has account and source fields of its own
    assertThat(
            FleetItems.parse(
                Json.read(
                    "{\"account\":\"123456789012\",\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{}}")))
        .isNull();
  }

  @Test
  void parse_rejectsBadItemsNamingThePath() {
    assertThatThrownBy(() -> FleetItems.parse(Json.read("{\"Items\": []}")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("Items");
    assertThatThrownBy(
            () ->
                FleetItems.parse(
                    Json.read("{\"Items\": [{\"account\":\"p\",\"source\":\"config\"}]}")))
        .hasMessageContaining("Items[0].region");
    assertThatThrownBy(
            () ->
                FleetItems.parse(
                    Json.read(
                        "{\"fleet_item\":{\"account\":\"p\",\"region\":\"us-east-1\",\"source\":\"x\"}}")))
        .hasMessageContaining("fleet_item.source");
    assertThatThrownBy(
            () ->
                FleetItems.parse(
                    Json.read(
                        "{\"fleet_item\":{\"account\":\"p\",\"region\":\"us-east-1\",\"source\":\"organization\",\"account_id\":\"12\"}}")))
        .hasMessageContaining("fleet_item.account_id");
  }

  @Test
  void resolve_buildsTheMemberRoleForDiscoveredItems_andUsesTheConfigForHandWrittenOnes() {
    var accounts =
        FleetItems.resolve(
            CFG,
            List.of(
                new FleetItem("prod", "us-east-1", "111122223333", "config"),
                new FleetItem(
                    "444455556666-eu-west-1", "eu-west-1", "444455556666", "organization")));
    assertThat(accounts.get(0)).isSameAs(CFG.account("prod"));
    assertThat(accounts.get(1).roleArn())
        .isEqualTo("arn:aws:iam::444455556666:role/ses-ops-member");
    assertThat(accounts.get(1).externalId()).isEqualTo("ext-1");
    assertThat(accounts.get(1).suppressionCleanup()).isEqualTo(CFG.suppressionCleanup());
    assertThat(FleetItems.partition("cn-north-1")).isEqualTo("aws-cn");
    assertThat(FleetItems.partition("us-gov-west-1")).isEqualTo("aws-us-gov");
  }

  @Test
  void resolve_neverReachesFurtherThanTheConfig() {
    assertThatThrownBy(
            () ->
                FleetItems.resolve(
                    CFG, List.of(new FleetItem("nope", "us-east-1", null, "config"))))
        .hasMessageContaining("Items[0].account");
    assertThatThrownBy(
            () ->
                FleetItems.resolve(
                    CFG, List.of(new FleetItem("prod", "eu-west-1", null, "config"))))
        .hasMessageContaining("Items[0].region");
    assertThatThrownBy(
            () ->
                FleetItems.resolve(
                    CFG,
                    List.of(
                        new FleetItem(
                            "444455556666-ap-south-1",
                            "ap-south-1",
                            "444455556666",
                            "organization"))))
        .hasMessageContaining("not one of organization.regions");
    assertThatThrownBy(
            () ->
                FleetItems.resolve(
                    CFG,
                    List.of(new FleetItem("prod", "us-east-1", "444455556666", "organization"))))
        .hasMessageContaining("ACCOUNTID-REGION");
    SesOpsConfig noOrg = ConfigParser.parse("{\"accounts\": {\"p\": {\"region\": \"us-east-1\"}}}");
    assertThatThrownBy(
            () ->
                FleetItems.resolve(
                    noOrg,
                    List.of(
                        new FleetItem(
                            "444455556666-us-east-1",
                            "us-east-1",
                            "444455556666",
                            "organization"))))
        .hasMessageContaining("no organization block");
  }
}
