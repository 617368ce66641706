package dev.sesops.signals;

import dev.sesops.aws.SdkErrors;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * When an SES sending event of an account last reached ses-ops, read from the events function's own
 * counters in the state table (no extra write on the events path): the account scope's items are
 * {@code pk = "COUNT#" + ACCOUNT + "#account:" + ACCOUNT}, {@code sk} the 5-minute bucket start
 * ({@code 2026-12-03T06:25Z}), kept 15 days. The newest item is one Query (descending, limit 1). The
 * events function names the account by the config's name when {@code aws_account_id} maps it, else by
 * the AWS account id: both are asked.
 */
public final class EventsLastSeen {
  static final String PK_PREFIX = "COUNT#";
  private static final DateTimeFormatter BUCKET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'");

  private final DynamoDbClient dynamo;
  private final String table;

  public EventsLastSeen(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  static String pk(String account) {
    return PK_PREFIX + account + "#account:" + account;
  }

  /** The newest bucket holding an event of this account (by any of its names), or empty. */
  public Optional<Instant> lastEvent(Iterable<String> names) {
    Instant best = null;
    for (String n : names) {
      Optional<Instant> t = newest(n);
      if (t.isPresent() && (best == null || t.get().isAfter(best))) {
        best = t.get();
      }
    }
    return Optional.ofNullable(best);
  }

  private Optional<Instant> newest(String account) {
    QueryResponse r;
    try {
      r = dynamo.query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(account))))
          .scanIndexForward(false).limit(1).projectionExpression("sk"));
    } catch (SdkException e) {
      throw new IllegalStateException("events state of " + account + " not read: " + SdkErrors.describe(e), e);
    }
    if (r.items().isEmpty()) {
      return Optional.empty();
    }
    String sk = r.items().get(0).get("sk").s();
    return Optional.of(LocalDateTime.parse(sk, BUCKET).toInstant(ZoneOffset.UTC));
  }
}
