package dev.sesops.core;

/**
 * One judged reading for one account.
 *
 * @param check stable name, used as the alert check and state key (e.g. {@code bounce_rate})
 * @param level the judgement
 * @param value the reading as reported (number, boolean, string, or a small object); null when
 *     unread
 * @param display the reading as a person reads it ({@code 7.20%})
 * @param threshold what the level was judged against ({@code CRITICAL >= 5.00%, WARNING >= 2.50%}),
 *     or null
 * @param source where the reading came from ({@code sesv2:GetAccount})
 * @param message one sentence on what it means
 */
public record Signal(
    String check,
    Level level,
    Object value,
    String display,
    String threshold,
    String source,
    String message) {}
