package dev.sesops.events;

import java.util.Map;
import java.util.Set;

/**
 * What a consumer did with its records.
 *
 * @param retry message ids to hand back to SQS ({@code batchItemFailures}): retrying can help
 * @param rejected message id to reason, for records retrying cannot fix (counted, logged, dropped)
 * @param summary counts for the batch report (no addresses)
 */
public record ConsumerResult(
    Set<String> retry, Map<String, String> rejected, Map<String, Object> summary) {}
