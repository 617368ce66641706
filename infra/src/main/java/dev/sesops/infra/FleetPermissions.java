package dev.sesops.infra;

import java.util.List;

/** What the ops account calls on AWS Organizations to discover member accounts: reads only. */
public final class FleetPermissions {

  /**
   * ListAccounts for the whole Organization; ListAccountsForParent and
   * ListOrganizationalUnitsForParent to walk the named OUs and the OUs nested under them;
   * ListTagsForResource for the tag filter. Called from the management account or a delegated
   * administrator of Organizations.
   */
  public static final List<String> ORGANIZATIONS =
      List.of(
          "organizations:ListAccounts",
          "organizations:ListAccountsForParent",
          "organizations:ListOrganizationalUnitsForParent",
          "organizations:ListTagsForResource");

  private FleetPermissions() {}
}
