package dev.sesops.fleet;

import java.util.List;
import java.util.Map;

/** The port to AWS Organizations: the read-only calls discovery needs, each one fully paged. */
public interface Organization {

  /** ListAccounts: every account of the Organization. */
  List<MemberAccount> accounts();

  /** ListAccountsForParent: the accounts directly under an OU or the root. */
  List<MemberAccount> accountsUnder(String parentId);

  /** ListOrganizationalUnitsForParent: the OU ids directly under an OU or the root. */
  List<String> unitsUnder(String parentId);

  /** ListTagsForResource on an account. */
  Map<String, String> tags(String accountId);
}
