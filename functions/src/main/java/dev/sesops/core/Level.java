package dev.sesops.core;

/** How bad a signal is. UNKNOWN means it could not be judged: never read as healthy. */
public enum Level {
  OK(0),
  UNKNOWN(1),
  WARNING(2),
  CRITICAL(3);

  private final int rank;

  Level(int rank) {
    this.rank = rank;
  }

  public static Level worst(Level a, Level b) {
    return a.rank >= b.rank ? a : b;
  }

  public boolean atLeast(Level other) {
    return rank >= other.rank;
  }
}
