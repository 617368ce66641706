package dev.sesops.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One report's score, for the trend chart. Each report carries the history forward from the
 * previous one (which the audit reads anyway), so the chart needs no extra S3 reads.
 */
record ScorePoint(Instant at, int score) {
  /** The chart shows the last 30 reports. */
  static final int KEEP = 30;

  static List<ScorePoint> history(AccountAudit previous, Instant now, int score) {
    List<ScorePoint> out = new ArrayList<>();
    if (previous != null) {
      if (previous.scoreHistory() != null && !previous.scoreHistory().isEmpty()) {
        out.addAll(previous.scoreHistory());
      } else {
        out.add(
            new ScorePoint(
                previous.startedAt(), previous.score())); // a report from before the history
      }
    }
    out.add(new ScorePoint(now, score));
    return List.copyOf(out.subList(Math.max(0, out.size() - KEEP), out.size()));
  }
}
