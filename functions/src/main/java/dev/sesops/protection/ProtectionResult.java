package dev.sesops.protection;

import dev.sesops.config.ProtectionPolicy;
import java.util.List;

/**
 * What the protector did for one account in one run.
 *
 * @param mode the account's mode ({@code off}: nothing was looked at)
 * @param actions the action-log lines written, in their final state
 * @param skipped breaching scopes left alone, and why
 * @param errors what could not be done (the state table, the trail, an alert), without SES messages
 * @param trail where this run's lines are in the report bucket, when any were written
 */
public record ProtectionResult(
    String account,
    String mode,
    List<ActionRecord> actions,
    List<Decision.Skip> skipped,
    List<String> errors,
    String trail) {

  static ProtectionResult off(String account) {
    return new ProtectionResult(
        account, ProtectionPolicy.Mode.OFF.key(), List.of(), List.of(), List.of(), null);
  }
}
