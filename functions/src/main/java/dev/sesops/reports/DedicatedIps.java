package dev.sesops.reports;

import dev.sesops.config.AccountConfig;
import java.util.Collection;
import java.util.Map;

/**
 * The dedicated IPs of the team's SES accounts (a port: SES v2 {@code GetDedicatedIps} when
 * deployed).
 */
interface DedicatedIps {
  /** IP address (canonical form) to the ses-ops account it belongs to. */
  Map<String, String> byAddress(Collection<AccountConfig> accounts);
}
