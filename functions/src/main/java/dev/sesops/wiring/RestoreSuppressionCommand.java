package dev.sesops.wiring;

import dev.sesops.common.Settings;
import dev.sesops.suppression.RestoreCommand;
import java.time.Clock;

/** {@code restore-suppression}: puts a cleanup's removed entries back, from its S3 trail. */
public final class RestoreSuppressionCommand {
  private RestoreSuppressionCommand() {}

  public static int run(String[] args) {
    return RestoreCommand.run(
        args,
        () ->
            SuppressionCleanupFunction.cleanup(
                Settings.fromEnv(System.getenv()), Clock.systemUTC()),
        Clock.systemUTC(),
        System.out,
        System.err);
  }
}
