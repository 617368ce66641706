package dev.sesops.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one SQS batch.
 *
 * @param records records in the batch
 * @param rejected records dropped because retrying cannot fix them
 * @param retry message ids handed back to SQS
 * @param consumers each consumer's summary, by consumer name
 */
public record BatchReport(
    Instant at,
    int records,
    int rejected,
    List<String> retry,
    Map<String, Map<String, Object>> consumers) {}
