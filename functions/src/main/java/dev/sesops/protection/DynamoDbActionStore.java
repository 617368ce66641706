package dev.sesops.protection;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Json;
import dev.sesops.config.ProtectionPolicy;
import dev.sesops.core.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The action log and its locks in the shared state table, all under {@code pk = "PROTECT#" +
 * account}:
 *
 * <ul>
 *   <li>{@code sk = "SCOPE#" + mode + "#" + scope}: the lock ({@code state}, {@code at_ms}, {@code
 *       record}), moved only by conditional writes;
 *   <li>{@code sk = "LOG#" + at + "#" + action id}: one action-log line, rewritten with its
 *       outcome;
 *   <li>{@code sk = "BUDGET#" + mode}: the hour's pauses ({@code pauses}, epoch millis) under an
 *       optimistic {@code version}.
 * </ul>
 */
public final class DynamoDbActionStore implements ActionStore {
  private static final int BUDGET_TRIES = 8;

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbActionStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  private static String pk(String account) {
    return "PROTECT#" + account;
  }

  private static String lockSk(ProtectionPolicy.Mode mode, Scope scope) {
    return "SCOPE#" + mode.key() + "#" + scope.key();
  }

  private static Map<String, AttributeValue> key(String account, String sk) {
    return Map.of("pk", AttributeValue.fromS(pk(account)), "sk", AttributeValue.fromS(sk));
  }

  @Override
  public Map<Scope, ScopeLock> locks(String account, ProtectionPolicy.Mode mode) {
    Map<Scope, ScopeLock> out = new HashMap<>();
    try {
      dynamo
          .queryPaginator(
              r ->
                  r.tableName(table)
                      .consistentRead(true)
                      .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                      .expressionAttributeValues(
                          Map.of(
                              ":pk",
                              AttributeValue.fromS(pk(account)),
                              ":prefix",
                              AttributeValue.fromS("SCOPE#" + mode.key() + "#"))))
          .items()
          .forEach(
              item -> {
                ScopeLock lock = lock(item);
                out.put(lock.record().scopeValue(), lock);
              });
    } catch (SdkException e) {
      throw failed("locks not read", account, e);
    }
    return out;
  }

  @Override
  public boolean claim(
      String account, ProtectionPolicy.Mode mode, ActionRecord pending, Instant now) {
    Map<String, AttributeValue> item =
        lockItem(
            account, mode, pending.scopeValue(), new ScopeLock(ScopeLock.PENDING, now, pending));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":released", AttributeValue.fromS(ScopeLock.RELEASED));
    values.put(":notdone", AttributeValue.fromS(ScopeLock.NOT_DONE));
    values.put(":pending", AttributeValue.fromS(ScopeLock.PENDING));
    values.put(":refused", AttributeValue.fromS(ScopeLock.REFUSED));
    values.put(":would", AttributeValue.fromS(ScopeLock.WOULD_PAUSE));
    values.put(":retry", millis(now.minus(ScopeLock.RETRY_AFTER)));
    values.put(":refusedfor", millis(now.minus(ScopeLock.REFUSED_FOR)));
    values.put(":wouldfor", millis(now.minus(ScopeLock.WOULD_PAUSE_FOR)));
    try {
      dynamo.putItem(
          r ->
              r.tableName(table)
                  .item(item)
                  // the same rule as ScopeLock.claimable, checked by DynamoDB so two racing runs
                  // cannot both win
                  .conditionExpression(
                      "attribute_not_exists(pk) OR #s = :released"
                          + " OR ((#s = :notdone OR #s = :pending) AND at_ms < :retry)"
                          + " OR (#s = :refused AND at_ms < :refusedfor)"
                          + " OR (#s = :would AND at_ms < :wouldfor)")
                  .expressionAttributeNames(Map.of("#s", "state"))
                  .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw failed("scope not claimed", account, e);
    }
  }

  @Override
  public void setLock(String account, ProtectionPolicy.Mode mode, Scope scope, ScopeLock lock) {
    try {
      dynamo.putItem(r -> r.tableName(table).item(lockItem(account, mode, scope, lock)));
    } catch (SdkException e) {
      throw failed("lock not written", account, e);
    }
  }

  @Override
  public boolean moveLock(
      String account,
      ProtectionPolicy.Mode mode,
      Scope scope,
      String expectedState,
      String expectedActionId,
      ScopeLock next) {
    try {
      dynamo.putItem(
          r ->
              r.tableName(table)
                  .item(lockItem(account, mode, scope, next))
                  .conditionExpression("#s = :state AND action_id = :id")
                  .expressionAttributeNames(Map.of("#s", "state"))
                  .expressionAttributeValues(
                      Map.of(
                          ":state",
                          AttributeValue.fromS(expectedState),
                          ":id",
                          AttributeValue.fromS(expectedActionId))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw failed("lock not moved", account, e);
    }
  }

  @Override
  public void log(ActionRecord record) {
    Map<String, AttributeValue> item =
        new HashMap<>(key(record.account(), "LOG#" + record.at() + "#" + record.actionId()));
    item.put("record", AttributeValue.fromS(Json.write(record)));
    item.put("status", AttributeValue.fromS(record.status()));
    try {
      dynamo.putItem(r -> r.tableName(table).item(item));
    } catch (SdkException e) {
      throw failed("action log not written", record.account(), e);
    }
  }

  @Override
  public boolean takePause(String account, ProtectionPolicy.Mode mode, Instant now, int max) {
    Map<String, AttributeValue> k = key(account, "BUDGET#" + mode.key());
    long hourAgo = now.minus(Duration.ofHours(1)).toEpochMilli();
    try {
      for (int attempt = 0; attempt < BUDGET_TRIES; attempt++) {
        Map<String, AttributeValue> item =
            dynamo.getItem(r -> r.tableName(table).key(k).consistentRead(true)).item();
        long version =
            item != null && item.containsKey("version")
                ? Long.parseLong(item.get("version").n())
                : 0;
        List<String> kept = new ArrayList<>();
        if (item != null && item.containsKey("pauses")) {
          for (AttributeValue v : item.get("pauses").l()) {
            if (Long.parseLong(v.n()) > hourAgo) {
              kept.add(v.n());
            }
          }
        }
        if (kept.size() >= max) {
          return false;
        }
        kept.add(Long.toString(now.toEpochMilli()));
        Map<String, AttributeValue> next = new HashMap<>(k);
        next.put("pauses", AttributeValue.fromL(kept.stream().map(AttributeValue::fromN).toList()));
        next.put("version", AttributeValue.fromN(Long.toString(version + 1)));
        try {
          dynamo.putItem(
              r ->
                  r.tableName(table)
                      .item(next)
                      .conditionExpression(
                          version == 0 ? "attribute_not_exists(pk)" : "version = :v")
                      .expressionAttributeValues(
                          version == 0
                              ? null
                              : Map.of(":v", AttributeValue.fromN(Long.toString(version)))));
          return true;
        } catch (ConditionalCheckFailedException raced) {
          // another run took one meanwhile: count again
        }
      }
    } catch (SdkException e) {
      throw failed("pause budget not read", account, e);
    }
    throw new ProtectionException(
        "pause budget of " + account + " kept changing under " + BUDGET_TRIES + " tries", null);
  }

  @Override
  public List<ActionRecord> log(String account, int limit) {
    List<ActionRecord> out = new ArrayList<>();
    try {
      for (Map<String, AttributeValue> item :
          dynamo
              .queryPaginator(
                  r ->
                      r.tableName(table)
                          .consistentRead(true)
                          .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                          .expressionAttributeValues(
                              Map.of(
                                  ":pk",
                                  AttributeValue.fromS(pk(account)),
                                  ":prefix",
                                  AttributeValue.fromS("LOG#")))
                          .scanIndexForward(false))
              .items()) {
        out.add(record(item.get("record").s()));
        if (out.size() >= limit) {
          break;
        }
      }
    } catch (SdkException e) {
      throw failed("action log not read", account, e);
    }
    return out;
  }

  private Map<String, AttributeValue> lockItem(
      String account, ProtectionPolicy.Mode mode, Scope scope, ScopeLock lock) {
    Map<String, AttributeValue> item = new HashMap<>(key(account, lockSk(mode, scope)));
    item.put("state", AttributeValue.fromS(lock.state()));
    item.put("at_ms", millis(lock.at()));
    item.put("action_id", AttributeValue.fromS(lock.record().actionId()));
    item.put("record", AttributeValue.fromS(Json.write(lock.record())));
    return item;
  }

  private static ScopeLock lock(Map<String, AttributeValue> item) {
    return new ScopeLock(
        item.get("state").s(),
        Instant.ofEpochMilli(Long.parseLong(item.get("at_ms").n())),
        record(item.get("record").s()));
  }

  private static ActionRecord record(String json) {
    try {
      return Json.MAPPER.readValue(json, ActionRecord.class);
    } catch (JsonProcessingException e) {
      throw new ProtectionException("an action-log item is not readable", e);
    }
  }

  private static AttributeValue millis(Instant t) {
    return AttributeValue.fromN(Long.toString(t.toEpochMilli()));
  }

  private ProtectionException failed(String what, String account, SdkException e) {
    return new ProtectionException(
        what + " for " + account + " (state table: " + SdkErrors.describe(e) + ")", e);
  }
}
