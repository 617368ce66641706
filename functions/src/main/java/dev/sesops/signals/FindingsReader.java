package dev.sesops.signals;

import dev.sesops.common.Deadline;
import dev.sesops.config.AccountConfig;
import dev.sesops.ses.Page;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an account's VDM findings: {@code GetAccount} first (VDM off: no findings exist, and {@code
 * ListRecommendations} is not called), then every page of {@code ListRecommendations}, 100 a page,
 * until the list ends or the deadline passes (then the reading is marked incomplete, and nothing is
 * concluded from what is missing).
 */
public final class FindingsReader {
  static final int PAGE_SIZE = 100;

  /**
   * A bound on pages in one run, far above any real account (VDM has 8 finding types per resource).
   */
  static final int MAX_PAGES = 50;

  private final SignalSource source;

  public FindingsReader(SignalSource source) {
    this.source = source;
  }

  /** What one read found; {@code complete} false when it stopped before the last page. */
  public record Reading(
      SignalSource.Vdm vdm, List<AwsFinding> findings, boolean complete, int calls) {}

  public Reading read(AccountConfig account, Deadline deadline) {
    return read(account, deadline, null);
  }

  /**
   * @param known VDM's state when the caller already read GetAccount (null: read it here)
   */
  public Reading read(AccountConfig account, Deadline deadline, SignalSource.Vdm known) {
    SignalSource.Vdm vdm = known != null ? known : source.vdm(account);
    int calls = known != null ? 0 : 1;
    if (!vdm.enabled()) {
      return new Reading(vdm, List.of(), true, calls);
    }
    List<AwsFinding> out = new ArrayList<>();
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      if (deadline.passed()) {
        return new Reading(vdm, out, false, calls);
      }
      Page<AwsFinding> p = source.findings(account, token, PAGE_SIZE);
      calls++;
      out.addAll(p.items());
      token = p.next();
      if (token == null) {
        return new Reading(vdm, out, true, calls);
      }
    }
    return new Reading(vdm, out, false, calls);
  }
}
