package dev.sesops.ses;

import java.util.List;

/**
 * One page of an SES list call and the token of the next; {@code next} is null on the last page (an
 * empty token, as some SES calls send, reads as none).
 */
public record Page<T>(List<T> items, String next) {
  public Page {
    items = List.copyOf(items);
    next = next == null || next.isEmpty() ? null : next;
  }

  /** Every item of a paged SES list, page by page: {@code page} takes a token (null: the first). */
  public static <T> List<T> all(java.util.function.Function<String, Page<T>> page) {
    List<T> out = new java.util.ArrayList<>();
    String token = null;
    do {
      Page<T> p = page.apply(token);
      out.addAll(p.items());
      token = p.next();
    } while (token != null);
    return out;
  }
}
