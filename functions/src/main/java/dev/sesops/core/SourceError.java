package dev.sesops.core;

/**
 * A signal source that could not be read, in an account's report: which source, the kind of
 * failure, and a detail that never carries the service's message.
 */
public record SourceError(String source, String kind, String detail) {}
