package dev.sesops.aws;

import dev.sesops.common.Settings;
import java.util.Map;

/**
 * The SES pace of one account and Region: each operation at the rate its API reference states ("no
 * more than once per second" on SES v1 GetSendQuota, GetSendStatistics and the four
 * GetIdentity*Attributes, v2 ListRecommendations; 16 a second for v2 BatchGetMetricData), every
 * other SES operation at {@code perOperation} (our conservative default of 1 a second, to be tuned
 * from real throttling), and all of them together at most {@code accountCeiling} in any second. A
 * {@code perOperation} above an operation's documented rate lifts that one too: for emulators and
 * load tests.
 *
 * @param perOperation calls per second of each operation SES states no rate for
 *     (SES_OPS_SES_CALLS_PER_SECOND)
 * @param accountCeiling calls per second of all SES operations of the account and Region together
 *     (SES_OPS_SES_ACCOUNT_CALLS_PER_SECOND)
 */
public record Pacing(double perOperation, double accountCeiling) {

  /**
   * Rates the SES API references state, per operation, keyed {@code Service.Operation} as the SDK
   * names them.
   */
  static final Map<String, Double> DOCUMENTED =
      Map.of(
          "Ses.GetSendQuota", 1.0,
          "Ses.GetSendStatistics", 1.0,
          "Ses.GetIdentityVerificationAttributes", 1.0,
          "Ses.GetIdentityDkimAttributes", 1.0,
          "Ses.GetIdentityMailFromDomainAttributes", 1.0,
          "Ses.GetIdentityNotificationAttributes", 1.0,
          "SesV2.ListRecommendations", 1.0,
          "SesV2.BatchGetMetricData", 16.0);

  public Pacing {
    if (!(perOperation > 0) || !(accountCeiling > 0)) {
      throw new IllegalArgumentException("perOperation and accountCeiling must be > 0");
    }
  }

  /** SES's own rates: 1 a second where none is stated, the default ceiling. */
  public static Pacing defaults() {
    return perOperation(1.0);
  }

  /**
   * {@code perOperation} with the default ceiling, raised to {@code perOperation} when that is
   * higher.
   */
  public static Pacing perOperation(double perOperation) {
    return new Pacing(
        perOperation, Math.max(Settings.DEFAULT_SES_ACCOUNT_CALLS_PER_SECOND, perOperation));
  }

  /**
   * Calls per second of one operation ({@code Service.Operation}, e.g. {@code Ses.GetSendQuota}).
   */
  public double rate(String operation) {
    Double documented = DOCUMENTED.get(operation);
    return documented == null ? perOperation : Math.max(documented, perOperation);
  }
}
