package dev.sesops.wiring;

import dev.sesops.audit.AuditHandler;
import dev.sesops.audit.Auditor;
import dev.sesops.audit.DmarcReports;
import dev.sesops.audit.DnsJavaLookup;
import dev.sesops.audit.S3ReportStore;
import dev.sesops.audit.SdkSesAccountReader;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.reports.AuditDmarcReports;
import dev.sesops.signals.FindingsReader;
import dev.sesops.signals.SdkSignalSource;
import java.time.Clock;

/** The audit function's composition root: the Lambda handler. */
public final class AuditFunction extends AuditHandler {
  public AuditFunction() {
    this(Settings.fromEnv(System.getenv()));
  }

  public AuditFunction(Settings settings) {
    super(auditor(settings, Clock.systemUTC()), Clock.systemUTC());
  }

  public static Auditor auditor(Settings settings, Clock clock) {
    return auditor(settings, new AccountClients(settings, "audit"), clock);
  }

  /**
   * The auditor with the given clients (the API shares its clients, and so its SES pacers, with the
   * audit it runs).
   */
  public static Auditor auditor(Settings settings, AccountClients clients, Clock clock) {
    return new Auditor(
        Parts.config(settings, clients),
        SdkSesAccountReader.factory(clients),
        DnsJavaLookup.fromServers(settings.dnsServers()),
        new S3ReportStore(clients.s3(), settings.requireReportBucket()),
        Parts.alerts(settings, clients),
        clock,
        settings.sesCallsPerSecond(),
        new FindingsReader(new SdkSignalSource(clients)),
        dmarcReports(settings, clients, clock));
  }

  /**
   * The audit's DMARC section, read through the reports' read model; null when the deployment
   * stores no reports (no state table or report bucket).
   */
  static DmarcReports dmarcReports(Settings settings, AccountClients clients, Clock clock) {
    if (settings.stateTable() == null || settings.reportBucket() == null) {
      return null;
    }
    return new AuditDmarcReports(
        Parts.dmarcQuery(settings, clients, clock),
        Parts.config(settings, clients),
        settings.reportsReceiptDomain());
  }
}
