package dev.sesops.events;

import dev.sesops.aws.SdkErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The counters in the single-table state table.
 *
 * <ul>
 *   <li>Window items: {@code pk = "WIN#" + account}, {@code sk} the scope key ({@code
 *       configuration-set:news}); {@code d} the {@link WindowCounts} (binary, {@value
 *       WindowCounts#BYTES} bytes), {@code v} the version, {@code ttl}; the account's own item also
 *       {@code dm} (the recipient domains counted on their own, by epoch hour last seen; at most
 *       {@code monitoring.recipient_domains} entries) and {@code last} (the newest five-minute
 *       bucket with an event, read by the events-stopped check).
 *   <li>Dedupe pages: {@code pk = "SEEN#" + account + "#" + slice} (5-second slices of envelope
 *       time), {@code sk} the page number; {@code d} the counted event ids, 8 bytes each, at most
 *       {@value ExactCounter#MAX_PAGE_IDS} per page; page 0 also {@code pg}, the page count; {@code
 *       ttl} the slice plus two days.
 * </ul>
 *
 * Reads are {@code BatchGetItem} (strongly consistent, 100 keys a call); writes one {@code
 * TransactWriteItems} of whole items per group, each {@code Put} conditional on the version read,
 * with a client request token derived from the writes so the SDK's own retries of an applied
 * transaction are no-ops.
 */
public final class DynamoDbCounterStore implements CounterStore {
  private static final int BATCH_GET = 100;
  private static final int UNPROCESSED_ROUNDS = 8;

  private final DynamoDbClient dynamo;
  private final String table;

  /** Null unless measuring: item sizes are not computed on the deployed path. */
  private final StoreMeter meter;

  public DynamoDbCounterStore(DynamoDbClient dynamo, String table) {
    this(dynamo, table, null);
  }

  /**
   * With {@code meter} (the benchmark's) counting calls, bytes and capacity units; null meters
   * nothing.
   */
  public DynamoDbCounterStore(DynamoDbClient dynamo, String table, StoreMeter meter) {
    this.dynamo = dynamo;
    this.table = table;
    this.meter = meter;
  }

  @Override
  public Map<ItemKey, StoredItem> get(Collection<ItemKey> keys) {
    Map<ItemKey, StoredItem> out = new HashMap<>();
    List<ItemKey> all = new ArrayList<>(keys);
    for (int i = 0; i < all.size(); i += BATCH_GET) {
      List<Map<String, AttributeValue>> chunk = new ArrayList<>();
      for (ItemKey k : all.subList(i, Math.min(all.size(), i + BATCH_GET))) {
        chunk.add(Map.of("pk", AttributeValue.fromS(k.pk()), "sk", AttributeValue.fromS(k.sk())));
      }
      int asked = chunk.size();
      int found = 0;
      Map<String, KeysAndAttributes> request =
          Map.of(table, KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
      for (int round = 0; !request.isEmpty(); round++) {
        if (round == UNPROCESSED_ROUNDS) {
          throw new EventsException(
              "counters not read: DynamoDB left keys unprocessed " + UNPROCESSED_ROUNDS + " times",
              null);
        }
        BatchGetItemResponse r;
        try {
          Map<String, KeysAndAttributes> req = request;
          r = dynamo.batchGetItem(b -> b.requestItems(req));
        } catch (SdkException e) {
          throw new EventsException("counters not read: " + SdkErrors.describe(e), e);
        }
        if (meter != null) {
          meter.call("BatchGetItem");
        }
        for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
          StoredItem s = stored(item);
          out.put(s.key(), s);
          if (meter != null) {
            meter.read(ItemSize.of(item));
          }
          found++;
        }
        request = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
        if (!request.isEmpty()) {
          sleep(round);
        }
      }
      if (meter != null) {
        meter.missing(asked - found);
      }
    }
    return out;
  }

  @Override
  public List<StoredItem> query(String pk, String skPrefix) {
    List<StoredItem> out = new ArrayList<>();
    try {
      Map<String, AttributeValue> values = new HashMap<>();
      values.put(":pk", AttributeValue.fromS(pk));
      String condition = "pk = :pk";
      if (skPrefix != null && !skPrefix.isEmpty()) {
        condition += " AND begins_with(sk, :prefix)";
        values.put(":prefix", AttributeValue.fromS(skPrefix));
      }
      String c = condition;
      dynamo
          .queryPaginator(
              r -> r.tableName(table).keyConditionExpression(c).expressionAttributeValues(values))
          .forEach(
              page -> {
                if (meter != null) {
                  meter.call("Query");
                }
                for (Map<String, AttributeValue> item : page.items()) {
                  out.add(stored(item));
                  if (meter != null) {
                    meter.read(ItemSize.of(item));
                  }
                }
              });
    } catch (SdkException e) {
      throw new EventsException("counters of " + pk + " not read: " + SdkErrors.describe(e), e);
    }
    return out;
  }

  @Override
  public void commit(List<StoredItem> writes) {
    List<TransactWriteItem> items = new ArrayList<>(writes.size());
    MessageDigest token = sha256();
    for (StoredItem w : writes) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("pk", AttributeValue.fromS(w.key().pk()));
      item.put("sk", AttributeValue.fromS(w.key().sk()));
      item.put("v", AttributeValue.fromN(Long.toString(w.version())));
      item.put("d", AttributeValue.fromB(SdkBytes.fromByteArray(w.data())));
      item.put("ttl", AttributeValue.fromN(Long.toString(w.ttl())));
      if (!w.domains().isEmpty()) {
        Map<String, AttributeValue> dm = new HashMap<>();
        w.domains().forEach((d, h) -> dm.put(d, AttributeValue.fromN(Long.toString(h))));
        item.put("dm", AttributeValue.fromM(dm));
      }
      if (w.pages() > 0) {
        item.put("pg", AttributeValue.fromN(Long.toString(w.pages())));
      }
      if (w.last() != null) {
        item.put("last", AttributeValue.fromS(w.last()));
      }
      Put.Builder put = Put.builder().tableName(table).item(item);
      if (w.version() == 1) {
        put.conditionExpression("attribute_not_exists(pk)");
      } else {
        put.conditionExpression("v = :v")
            .expressionAttributeValues(
                Map.of(":v", AttributeValue.fromN(Long.toString(w.version() - 1))));
      }
      items.add(TransactWriteItem.builder().put(put.build()).build());
      if (meter != null) {
        meter.written(ItemSize.of(item));
      }
      token.update(
          (w.key().pk() + "\n" + w.key().sk() + "\n" + w.version() + "\n")
              .getBytes(StandardCharsets.UTF_8));
      token.update(w.data());
    }
    String clientToken = UUID.nameUUIDFromBytes(token.digest()).toString();
    try {
      if (meter != null) {
        meter.call("TransactWriteItems");
      }
      dynamo.transactWriteItems(r -> r.transactItems(items).clientRequestToken(clientToken));
    } catch (TransactionCanceledException e) {
      List<String> codes = new ArrayList<>();
      boolean conflict = false;
      if (e.hasCancellationReasons()) {
        for (CancellationReason reason : e.cancellationReasons()) {
          String code = reason.code();
          if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
            conflict = true;
          }
          if (code != null && !"None".equals(code) && !codes.contains(code)) {
            codes.add(code);
          }
        }
      }
      if (conflict) {
        throw new Conflict(String.join(", ", codes));
      }
      throw new EventsException(
          "counters not written: transaction cancelled (" + String.join(", ", codes) + ")", e);
    } catch (SdkException e) {
      throw new EventsException("counters not written: " + SdkErrors.describe(e), e);
    }
  }

  private static StoredItem stored(Map<String, AttributeValue> item) {
    Map<String, Long> domains = null;
    AttributeValue dm = item.get("dm");
    if (dm != null && dm.hasM()) {
      domains = new HashMap<>();
      for (Map.Entry<String, AttributeValue> e : dm.m().entrySet()) {
        domains.put(e.getKey(), Long.parseLong(e.getValue().n()));
      }
    }
    AttributeValue d = item.get("d");
    AttributeValue last = item.get("last");
    return new StoredItem(
        new ItemKey(item.get("pk").s(), item.get("sk").s()),
        n(item, "v"),
        d == null || d.b() == null ? new byte[0] : d.b().asByteArray(),
        domains,
        n(item, "pg"),
        last == null ? null : last.s(),
        n(item, "ttl"));
  }

  private static long n(Map<String, AttributeValue> item, String k) {
    AttributeValue v = item.get(k);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(int round) {
    try {
      Thread.sleep(Math.min(200, 10L << round));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventsException("interrupted while reading counters", e);
    }
  }
}
