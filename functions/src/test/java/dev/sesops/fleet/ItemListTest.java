package dev.sesops.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesops.config.ConfigParser;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.core.FleetItem;
import org.junit.jupiter.api.Test;

class ItemListTest {
  @Test
  void itemList_withoutOrganization_isTheHandWrittenAccounts() {
    SesOpsConfig cfg = ConfigParser.parse("{\"accounts\": {\"p\": {\"region\": \"us-east-1\"}}}");
    assertThat(ItemList.of(cfg, null).items())
        .containsExactly(new FleetItem("p", "us-east-1", null, "config"));
  }
}
