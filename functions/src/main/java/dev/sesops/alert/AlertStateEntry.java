package dev.sesops.alert;

import java.time.Instant;

/**
 * What was last said about one (account, check).
 *
 * @param level the level last seen
 * @param since when that level started
 * @param lastNotified when people were last told (null: never)
 * @param version optimistic-lock counter: writes are conditional on it
 * @param detail free text (the last value), for people reading the table
 */
public record AlertStateEntry(
    String level, Instant since, Instant lastNotified, long version, String detail) {}
