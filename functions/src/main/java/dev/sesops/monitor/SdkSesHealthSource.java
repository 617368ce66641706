package dev.sesops.monitor;

import dev.sesops.aws.AccountClients;
import dev.sesops.config.AccountConfig;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.ses.model.GetSendQuotaResponse;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;

/** Reads health over the SDK: SES v2 GetAccount, SES v1 GetSendQuota and GetSendStatistics, CloudWatch GetMetricData. */
final class SdkSesHealthSource implements SesHealthSource {
  private static final int PERIOD_SECONDS = Evaluator.REPUTATION_PERIOD_SECONDS;
  private final AccountClients clients;

  SdkSesHealthSource(AccountClients clients) {
    this.clients = clients;
  }

  @Override
  public Readings.AccountStatus account(AccountConfig account) {
    GetAccountResponse r = clients.sesV2(account).getAccount(b -> {});
    return new Readings.AccountStatus(r.enforcementStatus(), r.sendingEnabled(), r.productionAccessEnabled(),
        r.vdmAttributes() == null ? null : r.vdmAttributes().vdmEnabledAsString());
  }

  @Override
  public Readings.Quota quota(AccountConfig account) {
    GetSendQuotaResponse r = clients.ses(account).getSendQuota();
    return new Readings.Quota(nz(r.max24HourSend()), nz(r.maxSendRate()), nz(r.sentLast24Hours()));
  }

  @Override
  public Readings.Reputation reputation(AccountConfig account, Instant from, Instant to) {
    GetMetricDataResponse r = clients.cloudWatch(account).getMetricData(b -> b
        .startTime(from)
        .endTime(to)
        .scanBy(ScanBy.TIMESTAMP_DESCENDING)
        .maxDatapoints(500)
        .metricDataQueries(query("bounce", "Reputation.BounceRate"), query("complaint", "Reputation.ComplaintRate")));
    return new Readings.Reputation(latest(r.metricDataResults(), "bounce"), latest(r.metricDataResults(), "complaint"));
  }

  @Override
  public List<Readings.SendPoint> sendStatistics(AccountConfig account) {
    return clients.ses(account).getSendStatistics().sendDataPoints().stream()
        .map(p -> new Readings.SendPoint(p.timestamp(), nzl(p.deliveryAttempts()), nzl(p.bounces()), nzl(p.complaints()), nzl(p.rejects())))
        .toList();
  }

  private static MetricDataQuery query(String id, String metric) {
    return MetricDataQuery.builder()
        .id(id)
        .returnData(true)
        .metricStat(s -> s.period(PERIOD_SECONDS).stat("Average")
            .metric(m -> m.namespace("AWS/SES").metricName(metric)))
        .build();
  }

  /** The newest point, whatever order the service returned them in. */
  private static Readings.MetricPoint latest(List<MetricDataResult> results, String id) {
    for (MetricDataResult r : results) {
      if (!id.equals(r.id())) {
        continue;
      }
      Readings.MetricPoint best = Readings.MetricPoint.none();
      for (int i = 0; i < Math.min(r.timestamps().size(), r.values().size()); i++) {
        Instant t = r.timestamps().get(i);
        if (best.timestamp() == null || t.isAfter(best.timestamp())) {
          best = new Readings.MetricPoint(r.values().get(i), t);
        }
      }
      return best;
    }
    return Readings.MetricPoint.none();
  }

  private static double nz(Double d) {
    return d == null ? 0 : d;
  }

  private static long nzl(Long l) {
    return l == null ? 0 : l;
  }
}
