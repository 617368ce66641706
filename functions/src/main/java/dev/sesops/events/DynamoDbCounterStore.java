package dev.sesops.events;

import dev.sesops.aws.SdkErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counters in the single-table state table. One item per (account, scope, 5-minute bucket):
 * {@code pk = "COUNT#" + account + "#" + scope key}, {@code sk = bucket start ("2026-12-03T06:25Z")};
 * number attributes {@code sends, deliveries, hard_bounces, soft_bounces, complaints, rejects, delays,
 * fb_<type>}; {@code batches} (string set of the batch ids already added: the redelivery guard);
 * {@code scope_index} (string set, on the account scope's item only: the other scopes of that bucket);
 * {@code ttl} (epoch seconds, bucket + 15 days). One {@code UpdateItem ... ADD} per item per batch,
 * conditional on the batch id not being in {@code batches}.
 */
final class DynamoDbCounterStore implements CounterStore {
  static final Duration RETENTION = Duration.ofDays(15);
  private static final String[] FIELDS = {"sends", "deliveries", "hard_bounces", "soft_bounces", "complaints", "rejects", "delays"};

  private final DynamoDbClient dynamo;
  private final String table;

  DynamoDbCounterStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  static String pk(String account, Scope scope) {
    return "COUNT#" + account + "#" + scope.key();
  }

  @Override
  public ApplyResult apply(String batchId, Map<CounterKey, Tally> tallies) {
    int written = 0;
    int duplicates = 0;
    List<CounterKey> failed = new ArrayList<>();
    Set<String> errors = new LinkedHashSet<>();
    for (Map.Entry<CounterKey, Tally> e : tallies.entrySet()) {
      try {
        dynamo.updateItem(update(batchId, e.getKey(), e.getValue()));
        written++;
      } catch (ConditionalCheckFailedException already) {
        duplicates++;
      } catch (SdkException ex) {
        failed.add(e.getKey());
        errors.add(SdkErrors.describe(ex));
      }
    }
    return new ApplyResult(written, duplicates, failed, List.copyOf(errors));
  }

  private UpdateItemRequest update(String batchId, CounterKey k, Tally t) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder add = new StringBuilder("ADD #batches :batch");
    long[] v = {t.sends, t.deliveries, t.hardBounces, t.softBounces, t.complaints, t.rejects, t.delays};
    for (int i = 0; i < FIELDS.length; i++) {
      if (v[i] != 0) {
        add.append(", ").append(FIELDS[i]).append(" :v").append(i);
        values.put(":v" + i, AttributeValue.fromN(Long.toString(v[i])));
      }
    }
    if (t.feedback != null) {
      int j = 0;
      for (Map.Entry<String, Long> f : t.feedback.entrySet()) {
        add.append(", #f").append(j).append(" :f").append(j);
        names.put("#f" + j, "fb_" + f.getKey());
        values.put(":f" + j, AttributeValue.fromN(Long.toString(f.getValue())));
        j++;
      }
    }
    if (t.scopes != null && !t.scopes.isEmpty()) {
      add.append(", scope_index :scopes");
      values.put(":scopes", AttributeValue.fromSs(List.copyOf(t.scopes)));
    }
    names.put("#batches", "batches");
    names.put("#ttl", "ttl");
    values.put(":batch", AttributeValue.fromSs(List.of(batchId)));
    values.put(":batchId", AttributeValue.fromS(batchId));
    values.put(":ttl", AttributeValue.fromN(Long.toString(k.bucket().plus(RETENTION).getEpochSecond())));
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(Map.of("pk", AttributeValue.fromS(pk(k.account(), k.scope())), "sk", AttributeValue.fromS(Buckets.key(k.bucket()))))
        .updateExpression("SET #ttl = if_not_exists(#ttl, :ttl) " + add)
        .conditionExpression("NOT contains(#batches, :batchId)")
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build();
  }

  @Override
  public Map<Instant, Counts> read(String account, Scope scope, Instant from, Instant to) {
    Map<Instant, Counts> out = new TreeMap<>();
    try {
      dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
              .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
              .expressionAttributeValues(Map.of(
                  ":pk", AttributeValue.fromS(pk(account, scope)),
                  ":from", AttributeValue.fromS(Buckets.key(from)),
                  ":to", AttributeValue.fromS(Buckets.key(to)))))
          .items()
          .forEach(item -> out.put(Buckets.parse(item.get("sk").s()), counts(item)));
    } catch (SdkException e) {
      throw new EventsException("counters of " + account + "/" + scope.key() + " not read: " + SdkErrors.describe(e), e);
    }
    return out;
  }

  @Override
  public Set<String> scopes(String account, Instant from, Instant to) {
    Set<String> out = new LinkedHashSet<>();
    try {
      dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
              .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
              .projectionExpression("scope_index")
              .expressionAttributeValues(Map.of(
                  ":pk", AttributeValue.fromS(pk(account, new Scope(ScopeKind.ACCOUNT, account))),
                  ":from", AttributeValue.fromS(Buckets.key(from)),
                  ":to", AttributeValue.fromS(Buckets.key(to)))))
          .items()
          .forEach(item -> {
            AttributeValue s = item.get("scope_index");
            if (s != null && s.hasSs()) {
              out.addAll(s.ss());
            }
          });
    } catch (SdkException e) {
      throw new EventsException("scopes of " + account + " not read: " + SdkErrors.describe(e), e);
    }
    return out;
  }

  private static Counts counts(Map<String, AttributeValue> item) {
    Map<String, Long> fb = new TreeMap<>();
    item.forEach((k, v) -> {
      if (k.startsWith("fb_") && v.n() != null) {
        fb.put(k.substring(3), Long.parseLong(v.n()));
      }
    });
    return new Counts(n(item, "sends"), n(item, "deliveries"), n(item, "hard_bounces"), n(item, "soft_bounces"),
        n(item, "complaints"), n(item, "rejects"), n(item, "delays"), Map.copyOf(fb));
  }

  private static long n(Map<String, AttributeValue> item, String k) {
    AttributeValue v = item.get(k);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }
}
