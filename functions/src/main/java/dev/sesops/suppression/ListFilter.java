package dev.sesops.suppression;

import java.time.Instant;
import java.util.Set;

/**
 * Filters for {@code ListSuppressedDestinations}.
 *
 * @param reasons only these reasons (empty: all)
 * @param startDate only entries updated at or after this time (null: no lower bound)
 * @param endDate only entries updated before this time (null: no upper bound), the age cutoff
 * @param pageSize entries per page, 1 to 1000
 */
public record ListFilter(Set<String> reasons, Instant startDate, Instant endDate, int pageSize) {
  public static final int MAX_PAGE_SIZE = 1000;

  public ListFilter {
    reasons = reasons == null ? Set.of() : Set.copyOf(reasons);
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be 1 to 1000");
    }
  }

  /** Every entry, a page of {@code pageSize} at a time. */
  public static ListFilter all(int pageSize) {
    return new ListFilter(Set.of(), null, null, pageSize);
  }
}
