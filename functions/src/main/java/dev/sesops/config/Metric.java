package dev.sesops.config;

/** What a rate counts against sends. */
public enum Metric {
  HARD_BOUNCE("hard_bounce", "hard bounces", "bounces"),
  COMPLAINT("complaint", "complaints", "complaints");

  private final String key;
  private final String label;
  private final String countLabel;

  Metric(String key, String label, String countLabel) {
    this.key = key;
    this.label = label;
    this.countLabel = countLabel;
  }

  /** The config key ({@code hard_bounce}). */
  public String key() {
    return key;
  }

  /** {@code hard bounces}. */
  public String label() {
    return label;
  }

  /** What {@code min_events} counts, for messages ({@code bounces}). */
  public String countLabel() {
    return countLabel;
  }
}
