package dev.sesops.fleet;

/**
 * A member account as AWS Organizations lists it (never its email address).
 *
 * @param status ACTIVE, SUSPENDED, PENDING_CLOSURE or CLOSED (Organizations' {@code State}, or the
 *     older {@code Status})
 */
record MemberAccount(String id, String name, String status) {

  boolean active() {
    return "ACTIVE".equals(status);
  }
}
