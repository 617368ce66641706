package dev.sesops.protection;

import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.ses.SesGateway;
import java.time.Clock;

/**
 * Wires the protector and the resumer from the environment: state table, report bucket, alert
 * topic, SES v2.
 */
public final class Protection {
  private Protection() {}

  public static Protector protector(Settings settings, AccountClients clients, Clock clock) {
    return new Protector(
        store(settings, clients),
        trail(settings, clients),
        new SesV2ScopeControl(a -> SesGateway.of(clients, a)),
        new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn()),
        clock);
  }

  public static Resumer resumer(Settings settings, AccountClients clients, Clock clock) {
    return new Resumer(
        store(settings, clients),
        trail(settings, clients),
        new SesV2ScopeControl(a -> SesGateway.of(clients, a)),
        new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn()),
        clock);
  }

  public static ChangeLog changeLog(Settings settings, AccountClients clients, Clock clock) {
    return new ChangeLog(store(settings, clients), trail(settings, clients), clock);
  }

  private static ActionStore store(Settings settings, AccountClients clients) {
    return new DynamoDbActionStore(clients.dynamoDb(), settings.requireStateTable());
  }

  private static ActionTrail trail(Settings settings, AccountClients clients) {
    return new S3ActionTrail(clients.s3(), settings.requireReportBucket());
  }
}
