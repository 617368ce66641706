package dev.sesops.signals;

import dev.sesops.common.Deadline;
import dev.sesops.config.AccountConfig;
import dev.sesops.ses.Page;
import dev.sesops.ses.ReputationRecord;
import dev.sesops.ses.TenantSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads tenants and their reputation status, within SES's 1 call per second. Three ways, by cost:
 *
 * <ul>
 *   <li>{@link #scan}: for the monitor. Every page of {@code ListTenants} (100 a page: each
 *       tenant's aggregate sending status), then reputation details only for the tenants that are
 *       not plainly ENABLED, with {@code ListReputationEntities} filtered by {@code SENDING_STATUS}
 *       (DISABLED, then REINSTATED; skipped when no tenant has that status). 1,000 healthy tenants
 *       cost 10 calls; every 100 paused ones one more.
 *   <li>{@link #all}: for the API's tenant list. Every page of {@code ListTenants} and of {@code
 *       ListReputationEntities}, joined by ARN: 2 calls per 100 tenants.
 *   <li>{@link #one}: {@code GetTenant} and {@code GetReputationEntity}: 2 calls.
 * </ul>
 */
public final class TenantReader {
  static final int PAGE_SIZE = 100;

  /**
   * Reputation entities fetched one by one when a filtered list missed them (a status changed
   * between calls).
   */
  static final int MAX_SINGLE_READS = 20;

  static final int MAX_PAGES = 200;

  private final SignalSource source;

  public TenantReader(SignalSource source) {
    this.source = source;
  }

  /** Tenants read; {@code complete} false when the deadline stopped the listing. */
  public record Reading(List<TenantStatus> tenants, boolean complete, int calls) {}

  public Reading scan(AccountConfig account, Deadline deadline) {
    int[] calls = {0};
    List<TenantSummary> tenants = new ArrayList<>();
    boolean complete = listTenants(account, deadline, tenants, calls);
    Map<String, ReputationRecord> details = new HashMap<>();
    for (String status : List.of("DISABLED", "REINSTATED")) {
      boolean any = tenants.stream().anyMatch(t -> status.equalsIgnoreCase(t.sendingStatus()));
      if (any && !deadline.passed()) {
        complete &=
            listEntities(account, Map.of("SENDING_STATUS", status), deadline, details, calls);
      }
    }
    int single = 0;
    List<TenantStatus> out = new ArrayList<>(tenants.size());
    for (TenantSummary t : tenants) {
      ReputationRecord r = details.get(t.arn());
      if (r == null
          && !plainlyEnabled(t)
          && t.arn() != null
          && single < MAX_SINGLE_READS
          && !deadline.passed()) {
        single++;
        calls[0]++;
        r = source.reputationEntity(account, t.arn()).orElse(null);
      }
      out.add(new TenantStatus(t.name(), t.id(), t.arn(), t.sendingStatus(), r));
    }
    return new Reading(out, complete, calls[0]);
  }

  public Reading all(AccountConfig account, Deadline deadline) {
    int[] calls = {0};
    List<TenantSummary> tenants = new ArrayList<>();
    boolean complete = listTenants(account, deadline, tenants, calls);
    Map<String, ReputationRecord> details = new HashMap<>();
    if (!tenants.isEmpty()) {
      complete &= listEntities(account, Map.of(), deadline, details, calls);
    }
    List<TenantStatus> out =
        tenants.stream()
            .map(
                t ->
                    new TenantStatus(
                        t.name(), t.id(), t.arn(), t.sendingStatus(), details.get(t.arn())))
            .toList();
    return new Reading(out, complete, calls[0]);
  }

  public Optional<TenantStatus> one(AccountConfig account, String name) {
    Optional<TenantSummary> t = source.tenant(account, name);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    ReputationRecord r =
        t.get().arn() == null ? null : source.reputationEntity(account, t.get().arn()).orElse(null);
    TenantSummary s = t.get();
    return Optional.of(new TenantStatus(s.name(), s.id(), s.arn(), s.sendingStatus(), r));
  }

  private static boolean plainlyEnabled(TenantSummary t) {
    return t.sendingStatus() != null
        && t.sendingStatus().toUpperCase(Locale.ROOT).equals("ENABLED");
  }

  private boolean listTenants(
      AccountConfig account, Deadline deadline, List<TenantSummary> out, int[] calls) {
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      if (deadline.passed()) {
        return false;
      }
      Page<TenantSummary> p = source.tenants(account, token, PAGE_SIZE);
      calls[0]++;
      out.addAll(p.items());
      token = p.next();
      if (token == null) {
        return true;
      }
    }
    return false;
  }

  private boolean listEntities(
      AccountConfig account,
      Map<String, String> filter,
      Deadline deadline,
      Map<String, ReputationRecord> out,
      int[] calls) {
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      if (deadline.passed()) {
        return false;
      }
      Page<ReputationRecord> p = source.reputationEntities(account, filter, token, PAGE_SIZE);
      calls[0]++;
      p.items()
          .forEach(
              r -> {
                if (r.reference() != null) {
                  out.put(r.reference(), r);
                }
              });
      token = p.next();
      if (token == null) {
        return true;
      }
    }
    return false;
  }
}
