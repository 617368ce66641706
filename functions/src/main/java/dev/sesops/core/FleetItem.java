package dev.sesops.core;

/**
 * One unit of fleet work: an account in one Region. The items file in S3 is a JSON array of these,
 * and each Distributed Map child gets one (or a batch of them for the monitor).
 *
 * @param account the account's name in reports and alerts: the config's name, or {@code
 *     ACCOUNTID-REGION} for an account discovered in AWS Organizations
 * @param accountId the 12-digit AWS account id (null for a hand-written account without a role ARN)
 * @param source {@code config} (hand-written) or {@code organization} (discovered)
 */
public record FleetItem(String account, String region, String accountId, String source) {
  public static final String CONFIG = "config";
  public static final String ORGANIZATION = "organization";

  /** The name a discovered account gets in one Region. */
  public static String discoveredName(String accountId, String region) {
    return accountId + "-" + region;
  }
}
