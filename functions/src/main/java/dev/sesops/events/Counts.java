package dev.sesops.events;

/**
 * Counts of one scope over some time: one bucket, or a window's sum. Soft bounces are {@code
 * Transient} and {@code Undetermined} ones.
 */
public record Counts(
    long sends,
    long deliveries,
    long hardBounces,
    long softBounces,
    long complaints,
    long rejects,
    long delays) {
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

  /** What a rate divides by. */
  public enum Denominator {
    /** {@code Send} events: configuration-set event publishing. */
    SENDS("sends"),
    /** Deliveries plus bounces: identity notifications, which have no {@code Send} events. */
    DELIVERY_ATTEMPTS("delivery attempts"),
    /** Neither: no rate can be judged (e.g. a tenant whose sends carry no tenant tag). */
    NONE("no volume");

    private final String label;

    Denominator(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Counts plus(Counts o) {
    return new Counts(
        sends + o.sends,
        deliveries + o.deliveries,
        hardBounces + o.hardBounces,
        softBounces + o.softBounces,
        complaints + o.complaints,
        rejects + o.rejects,
        delays + o.delays);
  }

  /** These counts less {@code o}'s, never below zero. */
  public Counts minus(Counts o) {
    return new Counts(
        Math.max(0, sends - o.sends),
        Math.max(0, deliveries - o.deliveries),
        Math.max(0, hardBounces - o.hardBounces),
        Math.max(0, softBounces - o.softBounces),
        Math.max(0, complaints - o.complaints),
        Math.max(0, rejects - o.rejects),
        Math.max(0, delays - o.delays));
  }

  /** Deliveries plus bounces: the mail that reached a receiving server's verdict. */
  public long deliveryAttempts() {
    return deliveries + hardBounces + softBounces;
  }

  /**
   * Sends when the scope has {@code Send} events; delivery attempts when it has none but has
   * deliveries (identity notifications); otherwise none. The larger of the two when both exist, so
   * a scope fed by both sources is never judged on the smaller.
   */
  public Denominator denominator() {
    if (sends > 0 && sends >= deliveryAttempts()) {
      return Denominator.SENDS;
    }
    if (deliveries > 0) {
      return Denominator.DELIVERY_ATTEMPTS;
    }
    return sends > 0 ? Denominator.SENDS : Denominator.NONE;
  }

  /** The volume rates divide by (see {@link #denominator}). */
  public long volume() {
    return switch (denominator()) {
      case SENDS -> sends;
      case DELIVERY_ATTEMPTS -> deliveryAttempts();
      case NONE -> 0;
    };
  }

  /** Hard bounces per unit of volume, in percent; 0 without volume. */
  public double bounceRate() {
    long v = volume();
    return v == 0 ? 0 : 100.0 * hardBounces / v;
  }

  /** Complaints per unit of volume, in percent; 0 without volume. */
  public double complaintRate() {
    long v = volume();
    return v == 0 ? 0 : 100.0 * complaints / v;
  }
}
