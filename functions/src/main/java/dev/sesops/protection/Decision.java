package dev.sesops.protection;

import java.util.List;

/**
 * What the rules say for one account and one set of rates, before anything is written or changed.
 *
 * @param pause scopes to pause, smallest first, each with the breach that justifies it (the worst
 *     one)
 * @param skipped breaching (or nearly breaching) scopes left alone, each with why
 */
public record Decision(List<Breach> pause, List<Skip> skipped) {

  /** A scope the rules leave alone, and why. */
  public record Skip(String scope, String reason) {}
}
