package dev.sesops.local;

import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigErrors;
import dev.sesops.config.ConfigException;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.FileConfigSource;
import java.io.PrintStream;

/**
 * Reads the config document before a local command starts, so a problem with it is one plain
 * message and exit code 2, not a failed request later (an HTTP 500 and a JSON log line).
 */
public final class ConfigCheck {
  /** The exit code of a config or usage problem. */
  public static final int EXIT = 2;

  private ConfigCheck() {}

  /** What to do when the environment names no config at all. */
  public enum WhenAbsent {
    FAIL,
    SKIP
  }

  /**
   * @param withSecret also read a secret (SES_OPS_SECRET_ID), one Secrets Manager call; false
   *     checks a file only
   * @return true when the config the environment names is usable (or none is named and {@code
   *     absent} is SKIP)
   */
  public static boolean usable(
      Settings settings, boolean withSecret, WhenAbsent absent, PrintStream err) {
    ConfigSource source;
    String where;
    if (settings.secretId() != null) {
      if (!withSecret) {
        return true;
      }
      source = new AccountClients(settings.homeRegion()).configSource(settings, e -> {});
      where = "secret " + settings.secretId();
    } else if (settings.configFile() != null) {
      source = new FileConfigSource(settings.configFile());
      where = settings.configFile().toString();
    } else {
      if (absent == WhenAbsent.SKIP) {
        return true;
      }
      err.println(
          "ses-ops: no config: set SES_OPS_CONFIG_FILE to your config file (start from the template "
              + "configs/ses-config.json.txt), or SES_OPS_SECRET_ID to the deployed secret");
      return false;
    }
    try {
      source.load();
      return true;
    } catch (ConfigException e) {
      err.println(ConfigErrors.plain(e, where));
      return false;
    }
  }
}
