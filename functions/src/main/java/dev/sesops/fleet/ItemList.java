package dev.sesops.fleet;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.core.FleetItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The items of one fleet run: every hand-written account (in its Region), then every discovered
 * account times the organization's Regions. A hand-written account wins over a discovered one for
 * the same account id and Region (its role, keys and expected identities are the team's own
 * choice).
 */
record ItemList(List<FleetItem> items, List<SkippedAccount> skipped, String discoveryError) {
  private static final Pattern ROLE_ACCOUNT =
      Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");

  public ItemList {
    items = List.copyOf(items);
    skipped = List.copyOf(skipped);
  }

  /**
   * The items for {@code cfg}; {@code discovered} is null when the config has no organization
   * block.
   */
  static ItemList of(SesOpsConfig cfg, Discovery.Result discovered) {
    List<FleetItem> items = new ArrayList<>();
    Set<String> handWritten = new HashSet<>();
    for (AccountConfig a : cfg.accounts().values()) {
      String id = accountId(a);
      items.add(new FleetItem(a.name(), a.region(), id, FleetItem.CONFIG));
      if (id != null) {
        handWritten.add(id + "|" + a.region());
      }
    }
    if (discovered == null) {
      return new ItemList(items, List.of(), null);
    }
    for (MemberAccount m : discovered.accounts()) {
      for (String region : cfg.organization().regions()) {
        if (!handWritten.contains(m.id() + "|" + region)) {
          items.add(
              new FleetItem(
                  FleetItem.discoveredName(m.id(), region),
                  region,
                  m.id(),
                  FleetItem.ORGANIZATION));
        }
      }
    }
    return new ItemList(items, discovered.skipped(), null);
  }

  /**
   * The hand-written accounts alone, when discovery failed: the run goes on and the summary reports
   * why.
   */
  static ItemList withoutDiscovery(SesOpsConfig cfg, String error) {
    ItemList own = of(cfg, null);
    return new ItemList(own.items(), List.of(), error);
  }

  /**
   * The account id a hand-written entry names: its aws_account_id, else its role ARN's (none for
   * keys alone).
   */
  static String accountId(AccountConfig a) {
    if (a.awsAccountId() != null) {
      return a.awsAccountId();
    }
    if (a.roleArn() == null) {
      return null;
    }
    Matcher m = ROLE_ACCOUNT.matcher(a.roleArn());
    return m.matches() ? m.group(1) : null;
  }
}
