package dev.sesops.alert;

import dev.sesops.common.Settings;
import dev.sesops.config.ConfigException;
import dev.sesops.config.SecretsManagerConfigSource;
import dev.sesops.core.Alert;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One CRITICAL alert for a config document that stopped parsing: the problems (JSON paths), never
 * values. The config source calls it on a refresh that does not parse; the container keeps its last
 * good config.
 */
public final class ConfigInvalidAlert {
  private ConfigInvalidAlert() {}

  /**
   * What the config source is told on an invalid refresh: nothing without an alert topic, else one
   * alert through the publisher (built only then).
   */
  public static Consumer<ConfigException> listener(
      Settings settings, Supplier<AlertPublisher> publisher) {
    if (settings.alertTopicArn() == null) {
      return e -> {};
    }
    return e -> publisher.get().publish(alert(settings.secretId(), e));
  }

  static Alert alert(String secretId, ConfigException e) {
    StringBuilder body =
        new StringBuilder("The config document in ")
            .append(secretId)
            .append(
                " changed and cannot be used. This container keeps running on the last good config until it is fixed.\n\nProblems:\n");
    e.problems().forEach(p -> body.append("- ").append(p).append('\n'));
    body.append(
            "\nWhat to do next: fix the secret (ses-ops validates it the same way locally); the next refresh, within ")
        .append(SecretsManagerConfigSource.REFRESH.toMinutes())
        .append(" minutes, picks it up.");
    return new Alert(
        "ses-ops",
        "config_invalid",
        "CRITICAL",
        "[CRITICAL] ses-ops: config document invalid, last good config kept",
        body.toString());
  }
}
