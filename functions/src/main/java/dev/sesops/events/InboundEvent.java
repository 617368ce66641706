package dev.sesops.events;

/**
 * One decoded SQS record: its message id (what {@code batchItemFailures} names) and its envelope.
 */
public record InboundEvent(String messageId, Envelope envelope) {}
