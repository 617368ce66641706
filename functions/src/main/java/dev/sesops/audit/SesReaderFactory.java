package dev.sesops.audit;

import dev.sesops.config.AccountConfig;

/** Opens a reader for one account, paced at the given rate for this run. */
interface SesReaderFactory {
  SesAccountReader open(AccountConfig account, double callsPerSecond);
}
