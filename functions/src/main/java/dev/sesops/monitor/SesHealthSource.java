package dev.sesops.monitor;

import dev.sesops.config.AccountConfig;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
import java.time.Instant;
import java.util.List;

/**
 * Where the monitor reads an account's health. Each method is one signal source, failing on its
 * own.
 */
interface SesHealthSource {
  AccountStatus account(AccountConfig account);

  Quota quota(AccountConfig account);

  /** The latest reputation data points in [from, to]. */
  Reputation reputation(AccountConfig account, Instant from, Instant to);

  /** All send-statistics points (two weeks, unsorted, as SES returns them). */
  List<SendPoint> sendStatistics(AccountConfig account);
}
