package dev.sesops.wiring;

import dev.sesops.alert.ConfigInvalidAlert;
import dev.sesops.alert.DynamoDbAlertState;
import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.audit.DnsJavaLookup;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigSource;
import dev.sesops.events.DynamoDbCounterStore;
import dev.sesops.events.Sources;
import dev.sesops.protection.ChangeLog;
import dev.sesops.protection.DynamoDbActionStore;
import dev.sesops.protection.Protector;
import dev.sesops.protection.Resumer;
import dev.sesops.protection.S3ActionTrail;
import dev.sesops.protection.SesV2ScopeControl;
import dev.sesops.reports.DmarcQuery;
import dev.sesops.reports.ReportStore;
import dev.sesops.reports.S3DynamoReportStore;
import dev.sesops.ses.SesGateway;
import java.time.Clock;

/**
 * The pieces more than one composition root builds the same way: the config source (with the alert
 * for a config that stops parsing), protection's protector, resumer and change log, the events
 * counters' read side and the DMARC read model.
 */
final class Parts {
  private Parts() {}

  /**
   * The config source the environment names, one per container and clients; a refreshed secret that
   * does not parse raises one CRITICAL alert (when there is an alert topic).
   */
  static ConfigSource config(Settings settings, AccountClients clients) {
    return clients.configSource(
        settings,
        ConfigInvalidAlert.listener(
            settings, () -> new SnsAlertPublisher(clients.sns(), settings.alertTopicArn())));
  }

  static Protector protector(Settings settings, AccountClients clients, Clock clock) {
    return new Protector(
        new DynamoDbActionStore(clients.dynamoDb(), settings.requireStateTable()),
        new S3ActionTrail(clients.s3(), settings.requireReportBucket()),
        new SesV2ScopeControl(a -> SesGateway.of(clients, a)),
        new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn()),
        clock);
  }

  static Resumer resumer(Settings settings, AccountClients clients, Clock clock) {
    return new Resumer(
        new DynamoDbActionStore(clients.dynamoDb(), settings.requireStateTable()),
        new S3ActionTrail(clients.s3(), settings.requireReportBucket()),
        new SesV2ScopeControl(a -> SesGateway.of(clients, a)),
        new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn()),
        clock);
  }

  static ChangeLog changeLog(Settings settings, AccountClients clients, Clock clock) {
    return new ChangeLog(
        new DynamoDbActionStore(clients.dynamoDb(), settings.requireStateTable()),
        new S3ActionTrail(clients.s3(), settings.requireReportBucket()),
        clock);
  }

  /** The read side of the event counters (API, CLI, monitor): the worst scopes of an account. */
  static Sources eventSources(Settings settings, AccountClients clients) {
    return new Sources(new DynamoDbCounterStore(clients.dynamoDb(), settings.requireStateTable()));
  }

  static ReportStore reportStore(Settings settings, AccountClients clients, Clock clock) {
    return new S3DynamoReportStore(
        clients.s3(),
        settings.requireReportBucket(),
        clients.dynamoDb(),
        settings.requireStateTable(),
        clock);
  }

  /** The DMARC read model behind the API's, the CLI's and the audit's DMARC views. */
  static DmarcQuery dmarcQuery(Settings settings, AccountClients clients, Clock clock) {
    return new DmarcQuery(
        config(settings, clients),
        reportStore(settings, clients, clock),
        DnsJavaLookup.fromServers(settings.dnsServers()),
        clock);
  }

  static DynamoDbAlertState alertState(Settings settings, AccountClients clients) {
    return new DynamoDbAlertState(clients.dynamoDb(), settings.requireStateTable());
  }

  static SnsAlertPublisher alerts(Settings settings, AccountClients clients) {
    return new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn());
  }
}
