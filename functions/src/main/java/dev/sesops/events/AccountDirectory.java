package dev.sesops.events;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.SesOpsConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps an event's (AWS account id, Region) to the config's account ({@code aws_account_id} and
 * {@code region}; the config refuses two entries for one pair). An event without a Region matches
 * the one entry of its account id, if there is just one. Anything else is counted under {@code
 * ID-REGION} (the name discovered accounts get), or the id alone when the Region is unknown, and
 * reported once per container.
 */
final class AccountDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(AccountDirectory.class);
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private final Map<String, String> byIdAndRegion = new HashMap<>();
  private final Map<String, List<String>> byId = new HashMap<>();

  AccountDirectory(SesOpsConfig config) {
    for (AccountConfig a : config.accounts().values()) {
      if (a.awsAccountId() != null) {
        byIdAndRegion.putIfAbsent(a.awsAccountId() + "/" + a.region(), a.name());
        byId.computeIfAbsent(a.awsAccountId(), k -> new ArrayList<>()).add(a.name());
      }
    }
  }

  /** The config name, or null when no entry matches. */
  String find(String awsAccountId, String region) {
    if (region != null) {
      return byIdAndRegion.get(awsAccountId + "/" + region);
    }
    List<String> names = byId.get(awsAccountId);
    return names != null && names.size() == 1 ? names.get(0) : null;
  }

  /** The config name, else {@code ID-REGION} (or the id when the Region is unknown). */
  String name(String awsAccountId, String region) {
    String n = find(awsAccountId, region);
    if (n != null) {
      return n;
    }
    String fallback = region == null ? awsAccountId : awsAccountId + "-" + region;
    if (REPORTED.add(fallback)) {
      LOG.warn(
          "SES events from AWS account {}, which no account in the config names as aws_account_id with that region:"
              + " counted under {}",
          awsAccountId + (region == null ? "" : " in " + region),
          fallback);
    }
    return fallback;
  }

  boolean known(String awsAccountId, String region) {
    return find(awsAccountId, region) != null;
  }
}
