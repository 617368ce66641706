package dev.sesops.suppression;

import java.util.List;

/**
 * One page of {@code ListSuppressedDestinations}: the entries and the token for the next page
 * (null: last page).
 */
public record SuppressedPage(List<SuppressedEntry> entries, String nextToken) {
  public SuppressedPage {
    entries = List.copyOf(entries);
  }
}
