package dev.sesops.api;

import java.util.List;

/** Looks up a domain's MX records (for the debug route). */
interface MxLookup {
  /** FOUND with hosts, NONE (the domain exists, no MX), NXDOMAIN, or ERROR (timeout, SERVFAIL). */
  record Result(String status, List<String> hosts) {}

  Result mx(String domain);
}
