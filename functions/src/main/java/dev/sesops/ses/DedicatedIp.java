package dev.sesops.ses;

/**
 * A dedicated IP as SES v2 GetDedicatedIps describes it.
 *
 * @param warmupStatus IN_PROGRESS, DONE or NOT_APPLICABLE (SES's own words; anything else is kept
 *     as is)
 * @param warmupPercentage how far the warm-up is, 0-100 (null when SES gave none)
 * @param pool the dedicated IP pool it belongs to (null: none)
 */
public record DedicatedIp(String ip, String warmupStatus, Integer warmupPercentage, String pool) {}
