package dev.sesops.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.BadInputException;
import dev.sesops.core.FleetItem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The per-item contract of the scheduled functions. A Distributed Map child invokes a function with
 * one item, {@code {"fleet_item": {"account": ..., "region": ..., "account_id": ..., "source":
 * ...}}} (the map's ItemSelector wraps it), or, with an ItemBatcher, {@code {"Items": [item,
 * ...]}}; the function then runs for exactly those accounts. Any other event is the scheduled event
 * of today (all accounts, or {@code detail.accounts}); an EventBridge event has top-level {@code
 * account} and {@code source} fields of its own, hence the wrapper.
 */
public final class FleetItems {
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private FleetItems() {}

  /** The items an event carries, or null when it is not a fleet item event. */
  public static List<FleetItem> parse(JsonNode event) {
    if (event == null || !event.isObject()) {
      return null;
    }
    if (event.has("Items")) {
      JsonNode items = event.path("Items");
      if (!items.isArray() || items.isEmpty()) {
        throw new BadInputException("Items", "expected a non-empty list of fleet items");
      }
      List<FleetItem> out = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        out.add(item(items.get(i), "Items[" + i + "]"));
      }
      return List.copyOf(out);
    }
    if (event.has("fleet_item")) {
      return List.of(item(event.path("fleet_item"), "fleet_item"));
    }
    return null;
  }

  private static FleetItem item(JsonNode n, String path) {
    if (!n.isObject()) {
      throw new BadInputException(path, "expected a fleet item object");
    }
    String account = text(n, path, "account", true);
    String region = text(n, path, "region", true);
    String id = text(n, path, "account_id", false);
    String source = text(n, path, "source", true);
    if (!FleetItem.CONFIG.equals(source) && !FleetItem.ORGANIZATION.equals(source)) {
      throw new BadInputException(path + ".source", "expected \"config\" or \"organization\"");
    }
    if (id != null && !ACCOUNT_ID.matcher(id).matches()) {
      throw new BadInputException(path + ".account_id", "expected a 12-digit account id");
    }
    return new FleetItem(account, region, id, source);
  }

  private static String text(JsonNode n, String path, String key, boolean required) {
    JsonNode v = n.path(key);
    if (v.isMissingNode() || v.isNull()) {
      if (required) {
        throw new BadInputException(path + "." + key, "missing");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new BadInputException(path + "." + key, "expected a non-empty string");
    }
    return v.asText();
  }

  /**
   * What the services take to select their accounts: these items, resolved against the loaded
   * config.
   */
  public static Function<SesOpsConfig, List<AccountConfig>> selection(List<FleetItem> items) {
    return cfg -> resolve(cfg, items);
  }

  /**
   * The accounts for the items: a hand-written account from the config (its Region must match), a
   * discovered one built from the organization block (role name and external id), only in a Region
   * that block covers, so an item can never reach further than the config allows.
   *
   * @throws BadInputException naming the first item that does not resolve
   */
  public static List<AccountConfig> resolve(SesOpsConfig cfg, List<FleetItem> items) {
    List<AccountConfig> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      FleetItem item = items.get(i);
      String path = "Items[" + i + "]";
      AccountConfig a;
      if (FleetItem.CONFIG.equals(item.source())) {
        a = cfg.accounts().get(item.account());
        if (a == null) {
          throw new BadInputException(
              path + ".account",
              "not an account of the config (" + cfg.accounts().size() + " configured)");
        }
        if (!a.region().equals(item.region())) {
          throw new BadInputException(
              path + ".region", "the config's account is in another Region");
        }
      } else {
        OrganizationConfig org = cfg.organization();
        if (org == null) {
          throw new BadInputException(path + ".source", "the config has no organization block");
        }
        if (item.accountId() == null) {
          throw new BadInputException(path + ".account_id", "missing for a discovered account");
        }
        if (!org.regions().contains(item.region())) {
          throw new BadInputException(path + ".region", "not one of organization.regions");
        }
        if (!FleetItem.discoveredName(item.accountId(), item.region()).equals(item.account())) {
          throw new BadInputException(
              path + ".account", "expected ACCOUNTID-REGION for a discovered account");
        }
        a = discovered(cfg, org, item);
      }
      if (!out.contains(a)) {
        out.add(a);
      }
    }
    return List.copyOf(out);
  }

  static AccountConfig discovered(SesOpsConfig cfg, OrganizationConfig org, FleetItem item) {
    String roleArn =
        "arn:" + partition(item.region()) + ":iam::" + item.accountId() + ":role/" + org.roleName();
    return new AccountConfig(
        item.account(),
        item.region(),
        "AWS Organizations member " + item.accountId(),
        roleArn,
        org.externalId(),
        null,
        List.of(),
        List.of(),
        cfg.suppressionCleanup(),
        item.accountId());
  }

  static String partition(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return "aws";
  }
}
