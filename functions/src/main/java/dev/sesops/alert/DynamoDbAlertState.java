package dev.sesops.alert;

import dev.sesops.aws.SdkErrors;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Alert state in the shared state table: {@code pk = "ALERT#" + account}, {@code sk = check}, with
 * conditional writes on a version attribute.
 */
public final class DynamoDbAlertState implements AlertState {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbAlertState(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Optional<AlertStateEntry> get(String account, String check) {
    Map<String, AttributeValue> item;
    try {
      item =
          dynamo
              .getItem(r -> r.tableName(table).consistentRead(true).key(key(account, check)))
              .item();
    } catch (SdkException e) {
      throw new AlertException(
          "alert state for " + account + "/" + check + " not read: " + SdkErrors.describe(e), e);
    }
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(entry(item));
  }

  private static AlertStateEntry entry(Map<String, AttributeValue> item) {
    return new AlertStateEntry(
        s(item, "level"),
        instant(item, "since"),
        instant(item, "last_notified"),
        item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0,
        s(item, "detail"));
  }

  @Override
  public Map<String, AlertStateEntry> all(String account) {
    Map<String, AlertStateEntry> out = new HashMap<>();
    try {
      dynamo
          .queryPaginator(
              r ->
                  r.tableName(table)
                      .consistentRead(true)
                      .keyConditionExpression("pk = :pk")
                      .expressionAttributeValues(
                          Map.of(":pk", AttributeValue.fromS("ALERT#" + account))))
          .items()
          .forEach(item -> out.put(item.get("sk").s(), entry(item)));
    } catch (SdkException e) {
      throw new AlertException(
          "alert state for " + account + " not read: " + SdkErrors.describe(e), e);
    }
    return out;
  }

  @Override
  public boolean compareAndSet(
      String account, String check, AlertStateEntry expected, AlertStateEntry next) {
    Map<String, AttributeValue> item = new HashMap<>(key(account, check));
    item.put("level", AttributeValue.fromS(next.level()));
    item.put("since", AttributeValue.fromS(next.since().toString()));
    if (next.lastNotified() != null) {
      item.put("last_notified", AttributeValue.fromS(next.lastNotified().toString()));
    }
    if (next.detail() != null) {
      item.put("detail", AttributeValue.fromS(next.detail()));
    }
    item.put("version", AttributeValue.fromN(Long.toString(next.version())));
    PutItemRequest.Builder req = PutItemRequest.builder().tableName(table).item(item);
    if (expected == null) {
      req.conditionExpression("attribute_not_exists(pk)");
    } else {
      req.conditionExpression("version = :v")
          .expressionAttributeValues(
              Map.of(":v", AttributeValue.fromN(Long.toString(expected.version()))));
    }
    try {
      dynamo.putItem(req.build());
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (SdkException e) {
      throw new AlertException(
          "alert state for " + account + "/" + check + " not written: " + SdkErrors.describe(e), e);
    }
  }

  private static Map<String, AttributeValue> key(String account, String check) {
    return Map.of(
        "pk", AttributeValue.fromS("ALERT#" + account), "sk", AttributeValue.fromS(check));
  }

  private static String s(Map<String, AttributeValue> item, String k) {
    return item.containsKey(k) ? item.get(k).s() : null;
  }

  private static Instant instant(Map<String, AttributeValue> item, String k) {
    return item.containsKey(k) ? Instant.parse(item.get(k).s()) : null;
  }
}
