package dev.sesops.wiring;

import dev.sesops.audit.DnsJavaLookup;
import dev.sesops.audit.DnsLookup;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.config.ConfigSource;
import dev.sesops.reports.DmarcAlerter;
import dev.sesops.reports.DmarcQuery;
import dev.sesops.reports.ReportLimits;
import dev.sesops.reports.ReportStore;
import dev.sesops.reports.ReportsHandler;
import dev.sesops.reports.ReportsService;
import dev.sesops.reports.S3ObjectSource;
import dev.sesops.reports.SesDedicatedIps;
import dev.sesops.reports.SourceClassifier;
import java.time.Clock;

/** The reports function's composition root: the Lambda handler. */
public final class ReportsFunction extends ReportsHandler {
  public ReportsFunction() {
    this(Settings.fromEnv(System.getenv()));
  }

  private ReportsFunction(Settings settings) {
    super(service(settings, new AccountClients(settings, "reports"), Clock.systemUTC()));
  }

  public static ReportsService service(Settings settings, AccountClients clients, Clock clock) {
    return service(
        settings,
        clients,
        clock,
        Parts.config(settings, clients),
        DnsJavaLookup.fromServers(settings.dnsServers()));
  }

  public static ReportsService service(
      Settings settings, AccountClients clients, Clock clock, ConfigSource config, DnsLookup dns) {
    return new ReportsService(
        config,
        new S3ObjectSource(clients.s3()),
        ReportLimits.defaults(),
        new SourceClassifier(dns, new SesDedicatedIps(clients, clock), clock),
        store(settings, clients, clock),
        new DmarcAlerter(
            Parts.alerts(settings, clients), Parts.alertState(settings, clients), clock),
        dns,
        clock);
  }

  public static ReportStore store(Settings settings, AccountClients clients, Clock clock) {
    return Parts.reportStore(settings, clients, clock);
  }

  /** The DMARC read model (API, CLI, audit). */
  public static DmarcQuery query(Settings settings, AccountClients clients, Clock clock) {
    return Parts.dmarcQuery(settings, clients, clock);
  }
}
