package dev.sesops.config;

import java.util.List;
import java.util.Map;

/**
 * The optional {@code organization} block: which member accounts of the AWS Organization ses-ops
 * covers, how it reaches them and in which Regions.
 *
 * @param organizationalUnits OU ids (or the root id) to cover, nested OUs included; empty: the
 *     whole Organization
 * @param tags every key must be on the account with this value ({@code "*"}: any value); empty: no
 *     filter
 * @param roleName the role to assume in each member account (the StackSet's member role)
 * @param externalId the external id that role requires (null: none)
 * @param regions the SES Regions to cover in each discovered account
 */
public record OrganizationConfig(
    List<String> organizationalUnits,
    Map<String, String> tags,
    String roleName,
    String externalId,
    List<String> regions) {

  public OrganizationConfig {
    organizationalUnits = List.copyOf(organizationalUnits);
    tags = Map.copyOf(tags);
    regions = List.copyOf(regions);
  }

  /** True when the account's tags pass the filter. */
  public boolean matches(Map<String, String> accountTags) {
    for (Map.Entry<String, String> want : tags.entrySet()) {
      String have = accountTags.get(want.getKey());
      if (have == null || !("*".equals(want.getValue()) || want.getValue().equals(have))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "OrganizationConfig[units="
        + organizationalUnits
        + ", tags="
        + tags.keySet()
        + ", role="
        + roleName
        + ", regions="
        + regions
        + "]";
  }
}
