package dev.sesops.wiring;

import dev.sesops.alert.AlertPublisher;
import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigSource;
import dev.sesops.ses.SesGateway;
import dev.sesops.suppression.CleanupOptions;
import dev.sesops.suppression.PacedSuppressionList;
import dev.sesops.suppression.S3TrailStore;
import dev.sesops.suppression.SesV2SuppressionList;
import dev.sesops.suppression.SuppressionCleanup;
import dev.sesops.suppression.SuppressionCleanupHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** The suppression cleanup function's composition root: the Lambda handler. */
public final class SuppressionCleanupFunction extends SuppressionCleanupHandler {
  public SuppressionCleanupFunction() {
    this(Settings.fromEnv(System.getenv()));
  }

  public SuppressionCleanupFunction(Settings settings) {
    super(cleanup(settings, Clock.systemUTC()), Clock.systemUTC());
  }

  public static SuppressionCleanup cleanup(Settings settings, Clock clock) {
    return cleanup(settings, new AccountClients(settings, "cleanup"), clock);
  }

  public static SuppressionCleanup cleanup(Settings settings, AccountClients clients, Clock clock) {
    ConfigSource source = Parts.config(settings, clients);
    AlertPublisher alerts =
        settings.alertTopicArn() == null
            ? null
            : new SnsAlertPublisher(clients.sns(), settings.alertTopicArn());
    // paced and retried by the account's SES v2 client (one pacer per account and Region per
    // container)
    return new SuppressionCleanup(
        source::load,
        a -> new PacedSuppressionList(new SesV2SuppressionList(SesGateway.of(clients, a))),
        new S3TrailStore(clients.s3(), settings.requireReportBucket()),
        alerts,
        clock,
        n -> TimeUnit.NANOSECONDS.sleep(n),
        CleanupOptions.defaults());
  }
}
