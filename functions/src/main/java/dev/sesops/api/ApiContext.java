package dev.sesops.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.SesOpsConfig;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every route group shares: the config, the account's SES, the clock, and the response head.
 */
final class ApiContext {
  private final ConfigSource config;
  private final Function<AccountConfig, SesAccount> ses;
  private final Clock clock;

  ApiContext(ConfigSource config, Function<AccountConfig, SesAccount> ses, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.ses = Objects.requireNonNull(ses, "ses");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  SesOpsConfig config() {
    return config.load();
  }

  SesAccount ses(AccountConfig account) {
    return ses.apply(account);
  }

  Clock clock() {
    return clock;
  }

  /** The account named by the path, validated; 404 when the config does not have it. */
  AccountConfig account(Router.Call call) {
    return config.load().account(Params.account(call.param("account")));
  }

  /** Every account response starts with the account's name and Region. */
  static ObjectNode head(AccountConfig a) {
    ObjectNode n = Json.object();
    n.put("account", a.name());
    n.put("region", a.region());
    return n;
  }

  static double round(double d) {
    return Math.round(d * 1000.0) / 1000.0;
  }
}
