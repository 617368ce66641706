package dev.sesops.reports;

import dev.sesops.alert.DynamoDbAlertState;
import dev.sesops.alert.SnsAlertPublisher;
import dev.sesops.audit.DnsJavaLookup;
import dev.sesops.audit.DnsLookup;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigSource;
import java.time.Clock;

/**
 * Wires the reports function from the environment: config, the report bucket, the state table, the
 * alert topic, DNS.
 */
public final class Reports {
  private Reports() {}

  static ReportsService create(Settings settings, AccountClients clients, Clock clock) {
    return create(
        settings,
        clients,
        clock,
        clients.configSource(settings),
        DnsJavaLookup.fromServers(settings.dnsServers()));
  }

  static ReportsService create(
      Settings settings, AccountClients clients, Clock clock, ConfigSource config, DnsLookup dns) {
    String table = settings.requireStateTable();
    return new ReportsService(
        config,
        new S3ObjectSource(clients.s3()),
        ReportLimits.defaults(),
        new SourceClassifier(dns, new SesDedicatedIps(clients, clock), clock),
        store(settings, clients, clock),
        new DmarcAlerter(
            new SnsAlertPublisher(clients.sns(), settings.requireAlertTopicArn()),
            new DynamoDbAlertState(clients.dynamoDb(), table),
            clock),
        dns,
        clock);
  }

  static ReportStore store(Settings settings, AccountClients clients, Clock clock) {
    return new S3DynamoReportStore(
        clients.s3(),
        settings.requireReportBucket(),
        clients.dynamoDb(),
        settings.requireStateTable(),
        clock);
  }

  /** The read side (API, CLI): a domain's DMARC days, sources and verdict. */
  public static DmarcQuery query(Settings settings, AccountClients clients, Clock clock) {
    return new DmarcQuery(
        clients.configSource(settings),
        store(settings, clients, clock),
        DnsJavaLookup.fromServers(settings.dnsServers()),
        clock);
  }
}
