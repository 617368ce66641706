package dev.sesops.audit;

/** How much a finding matters, most severe first; the weight is what it costs the score. */
public enum Severity {
  CRITICAL(40),
  HIGH(15),
  MEDIUM(5),
  LOW(1),
  INFO(0);

  private final int weight;

  Severity(int weight) {
    this.weight = weight;
  }

  public int weight() {
    return weight;
  }

  /** HIGH and CRITICAL findings alert when they are new. */
  public boolean alerts() {
    return this == CRITICAL || this == HIGH;
  }
}
