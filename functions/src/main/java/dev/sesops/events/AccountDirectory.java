package dev.sesops.events;

import dev.sesops.config.AccountConfig;
import dev.sesops.config.SesOpsConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the AWS account id of an event to the config's account name ({@code aws_account_id}). An id the
 * config does not know is counted under the id itself and reported once per container.
 */
final class AccountDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(AccountDirectory.class);
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private final Map<String, String> byId;

  AccountDirectory(SesOpsConfig config) {
    Map<String, String> m = new HashMap<>();
    for (AccountConfig a : config.accounts().values()) {
      if (a.awsAccountId() != null) {
        m.putIfAbsent(a.awsAccountId(), a.name());
      }
    }
    this.byId = m;
  }

  /** The config name, or the id itself when unknown. */
  String name(String awsAccountId) {
    String n = byId.get(awsAccountId);
    if (n != null) {
      return n;
    }
    if (REPORTED.add(awsAccountId)) {
      LOG.warn("SES events from AWS account {}, which no account in the config names as aws_account_id: counted under the id",
          awsAccountId);
    }
    return awsAccountId;
  }

  boolean known(String awsAccountId) {
    return byId.containsKey(awsAccountId);
  }
}
