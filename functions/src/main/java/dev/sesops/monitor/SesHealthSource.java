package dev.sesops.monitor;

import dev.sesops.config.AccountConfig;
import java.time.Instant;
import java.util.List;

/**
 * Where the monitor reads an account's health. Each method is one signal source, failing on its
 * own.
 */
interface SesHealthSource {
  Readings.AccountStatus account(AccountConfig account);

  Readings.Quota quota(AccountConfig account);

  /** The latest reputation data points in [from, to]. */
  Readings.Reputation reputation(AccountConfig account, Instant from, Instant to);

  /** All send-statistics points (two weeks, unsorted, as SES returns them). */
  List<Readings.SendPoint> sendStatistics(AccountConfig account);
}
