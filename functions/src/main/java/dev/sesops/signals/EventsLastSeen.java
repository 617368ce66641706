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
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * When an SES sending event of an account last reached ses-ops, read from the events function's own
 * counters in the state table (no extra write on the events path): the account scope's window item
 * ({@code pk = "WIN#" + ACCOUNT}, {@code sk = "account:" + ACCOUNT}) holds in {@code last} the
 * newest 5-minute bucket with an event ({@code 2026-12-03T06:25Z}). One GetItem of that attribute.
 * The events function names the account by the config's name when {@code aws_account_id} maps it,
 * else by the AWS account id: both are asked.
 */
public final class EventsLastSeen {
  static final String PK_PREFIX = "WIN#";
  private static final DateTimeFormatter BUCKET =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'");

  private final DynamoDbClient dynamo;
  private final String table;

  public EventsLastSeen(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  static String pk(String account) {
    return PK_PREFIX + account;
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
    GetItemResponse r;
    try {
      r =
          dynamo.getItem(
              g ->
                  g.tableName(table)
                      .consistentRead(false)
                      .projectionExpression("#last")
                      .expressionAttributeNames(Map.of("#last", "last"))
                      .key(
                          Map.of(
                              "pk",
                              AttributeValue.fromS(pk(account)),
                              "sk",
                              AttributeValue.fromS("account:" + account))));
    } catch (SdkException e) {
      throw new IllegalStateException(
          "events state of " + account + " not read: " + SdkErrors.describe(e), e);
    }
    AttributeValue last = r.hasItem() ? r.item().get("last") : null;
    if (last == null || last.s() == null) {
      return Optional.empty();
    }
    return Optional.of(LocalDateTime.parse(last.s(), BUCKET).toInstant(ZoneOffset.UTC));
  }
}
