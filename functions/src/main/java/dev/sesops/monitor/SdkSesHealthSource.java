package dev.sesops.monitor;

import dev.sesops.aws.AccountClients;
import dev.sesops.aws.SesGateway;
import dev.sesops.config.AccountConfig;
import java.time.Instant;
import java.util.List;

/** Reads health through the account's {@link SesGateway} and maps it to the monitor's readings. */
public final class SdkSesHealthSource implements SesHealthSource {
  private final AccountClients clients;

  public SdkSesHealthSource(AccountClients clients) {
    this.clients = clients;
  }

  @Override
  public Readings.AccountStatus account(AccountConfig account) {
    SesGateway.Account r = clients.sesGateway(account).account();
    return new Readings.AccountStatus(
        r.enforcementStatus(), r.sendingEnabled(), r.productionAccessEnabled(), r.vdmEnabled());
  }

  @Override
  public Readings.Quota quota(AccountConfig account) {
    SesGateway.Quota q = clients.sesGateway(account).quota();
    return new Readings.Quota(q.max24HourSend(), q.maxSendRate(), q.sentLast24Hours());
  }

  @Override
  public Readings.Reputation reputation(AccountConfig account, Instant from, Instant to) {
    SesGateway.Reputation r =
        clients.sesGateway(account).reputation(from, to, Evaluator.REPUTATION_PERIOD_SECONDS);
    return new Readings.Reputation(point(r.bounce()), point(r.complaint()));
  }

  @Override
  public List<Readings.SendPoint> sendStatistics(AccountConfig account) {
    return clients.sesGateway(account).sendStatistics().stream()
        .map(
            p ->
                new Readings.SendPoint(
                    p.timestamp(), p.deliveryAttempts(), p.bounces(), p.complaints(), p.rejects()))
        .toList();
  }

  private static Readings.MetricPoint point(SesGateway.MetricPoint p) {
    return new Readings.MetricPoint(p.value(), p.timestamp());
  }
}
