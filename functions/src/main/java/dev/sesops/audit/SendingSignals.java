package dev.sesops.audit;

import java.util.List;

/**
 * Account-wide facts the readiness matrix needs from SES: the complaint rate from GetSendStatistics
 * (two weeks of delivery attempts and complaints) and SES subscription management (contact lists
 * and topics). A field is null when SES could not be asked; {@code why} then says so.
 */
record SendingSignals(
    Long deliveryAttempts,
    Long complaints,
    List<ContactList> contactLists,
    String statisticsError,
    String contactListError) {

  /** Two weeks of SES v1 GetSendStatistics, summed. */
  record SendTotals(long deliveryAttempts, long complaints) {}

  /** A contact list and how many topics it offers. */
  record ContactList(String name, int topics) {}

  /**
   * Below this many delivery attempts in two weeks, a complaint rate says nothing (unknown, never
   * pass).
   */
  static final long MIN_VOLUME = 1000;
}
