package dev.sesops.core;

/** An alert that went out (or failed to), as an account's report lists it. */
public record SentAlert(
    String check, String severity, String subject, String messageId, String error) {}
