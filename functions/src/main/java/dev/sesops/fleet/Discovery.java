package dev.sesops.fleet;

import dev.sesops.config.OrganizationConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the member accounts the {@code organization} block covers: the whole Organization
 * (ListAccounts) or the named OUs and every OU nested under them (ListAccountsForParent,
 * ListOrganizationalUnitsForParent), then the tag filter (ListTagsForResource, only when a filter
 * is set). Accounts that are not ACTIVE are skipped and listed, never covered.
 */
final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

  private final Organization organization;

  Discovery(Organization organization) {
    this.organization = organization;
  }

  /** The accounts found, and those skipped. */
  record Result(List<MemberAccount> accounts, List<SkippedAccount> skipped, int filteredByTags) {}

  Result discover(OrganizationConfig cfg) {
    Map<String, MemberAccount> found = new LinkedHashMap<>();
    if (cfg.organizationalUnits().isEmpty()) {
      organization.accounts().forEach(a -> found.putIfAbsent(a.id(), a));
    } else {
      Deque<String> parents = new ArrayDeque<>(cfg.organizationalUnits());
      Set<String> seen = new LinkedHashSet<>();
      while (!parents.isEmpty()) {
        String parent = parents.poll();
        if (!seen.add(parent)) {
          continue;
        }
        organization.accountsUnder(parent).forEach(a -> found.putIfAbsent(a.id(), a));
        parents.addAll(organization.unitsUnder(parent));
      }
    }
    List<MemberAccount> accounts = new ArrayList<>();
    List<SkippedAccount> skipped = new ArrayList<>();
    int filtered = 0;
    for (MemberAccount a : found.values()) {
      if (!a.active()) {
        skipped.add(new SkippedAccount(a.id(), a.name(), a.status()));
        continue;
      }
      if (!cfg.tags().isEmpty() && !cfg.matches(organization.tags(a.id()))) {
        filtered++;
        continue;
      }
      accounts.add(a);
    }
    LOG.info(
        "organization discovery: {} accounts found, {} covered, {} skipped (not active), {} left out by the tag filter",
        found.size(),
        accounts.size(),
        skipped.size(),
        filtered);
    return new Result(List.copyOf(accounts), List.copyOf(skipped), filtered);
  }
}
