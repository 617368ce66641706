package dev.sesops.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.aws.SdkErrors;
import dev.sesops.common.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Aggregates as JSON lines in S3, partitioned by date for Athena ({@code
 * dmarc/aggregates/dt=YYYY-MM-DD/ORG-HASH.jsonl}, one object per report, so a redelivered report
 * overwrites its own lines), and day summaries in the state table ({@code pk = DMARC#domain},
 * {@code sk = DAY#date#class}), added to in one transaction with the report's marker ({@code pk =
 * DMARCREPORT#org}, {@code sk = report id}): a report is counted once or not at all.
 */
public final class S3DynamoReportStore implements ReportStore {
  static final String AGGREGATES_PREFIX = "dmarc/aggregates/";
  static final String TLS_PREFIX = "tlsrpt/aggregates/";
  private final S3Client s3;
  private final String bucket;
  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public S3DynamoReportStore(
      S3Client s3, String bucket, DynamoDbClient dynamo, String table, Clock clock) {
    this.s3 = s3;
    this.bucket = bucket;
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public boolean store(AggregateReport report, List<Aggregate> aggregates) {
    LocalDate day =
        aggregates.isEmpty()
            ? LocalDate.ofInstant(report.begin(), java.time.ZoneOffset.UTC)
            : aggregates.get(0).day();
    StringBuilder lines = new StringBuilder();
    for (Aggregate a : aggregates) {
      lines.append(Json.write(line(a))).append('\n');
    }
    String key =
        AGGREGATES_PREFIX
            + "dt="
            + day
            + "/"
            + objectName(report.org(), report.reportId())
            + ".jsonl";
    put(key, lines.toString());
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(marker("DMARCREPORT#" + report.org(), report.reportId()));
    for (Aggregate a : aggregates) {
      items.add(add(a));
    }
    boolean fresh =
        transact(items, "report " + report.org() + "/" + DmarcXmlParser.clip(report.reportId()));
    if (fresh) {
      putPolicy(report);
    }
    return fresh;
  }

  @Override
  public boolean storeTls(TlsReport report) {
    LocalDate day = LocalDate.ofInstant(report.begin(), java.time.ZoneOffset.UTC);
    StringBuilder lines = new StringBuilder();
    for (TlsReport.Policy p : report.policies()) {
      ObjectNode n = Json.object();
      n.put("domain", p.domain())
          .put("day", day.toString())
          .put("org", report.org())
          .put("report_id", report.reportId())
          .put("policy_type", p.type())
          .put("successful", p.successful())
          .put("failed", p.failed());
      n.set("failures", Json.tree(p.failures()));
      lines.append(Json.write(n)).append('\n');
    }
    put(
        TLS_PREFIX + "dt=" + day + "/" + objectName(report.org(), report.reportId()) + ".jsonl",
        lines.toString());
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(marker("TLSREPORT#" + report.org(), report.reportId()));
    for (TlsReport.Policy p : report.policies()) {
      Map<String, Long> adds = new LinkedHashMap<>();
      adds.put("successful", p.successful());
      adds.put("failed", p.failed());
      p.failures().forEach((k, v) -> adds.put("failure_" + k, v));
      items.add(update("TLSRPT#" + p.domain(), "DAY#" + day, adds, Set.of()));
    }
    return transact(
        items, "TLS report " + report.org() + "/" + DmarcXmlParser.clip(report.reportId()));
  }

  private static ObjectNode line(Aggregate a) {
    ObjectNode n = Json.object();
    n.put("domain", a.domain()).put("day", a.day().toString()).put("source_class", a.sourceClass());
    n.put("account", a.account()).put("org", a.org()).put("report_id", a.reportId());
    n.put("messages", a.messages())
        .put("dmarc_pass", a.dmarcPass())
        .put("dkim_aligned", a.dkimAligned())
        .put("spf_aligned", a.spfAligned());
    n.set("dispositions", Json.tree(a.dispositions()));
    n.set("failing_sources", Json.tree(a.failing()));
    n.set("sources", Json.tree(a.sources()));
    n.set("ses_failure_causes", Json.tree(a.causes()));
    return n;
  }

  private TransactWriteItem add(Aggregate a) {
    Map<String, Long> adds = new LinkedHashMap<>();
    adds.put("reports", 1L);
    adds.put("messages", a.messages());
    adds.put("dmarc_pass", a.dmarcPass());
    adds.put("dkim_aligned", a.dkimAligned());
    adds.put("spf_aligned", a.spfAligned());
    a.dispositions().forEach((k, v) -> adds.put("disp_" + k, v));
    a.causes().forEach((k, v) -> adds.put("cause_" + k, v));
    return update(
        "DMARC#" + a.domain(),
        "DAY#" + a.day() + "#" + a.sourceClass(),
        adds,
        a.failing().keySet());
  }

  private TransactWriteItem update(
      String pk, String sk, Map<String, Long> adds, Set<String> failing) {
    List<String> parts = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    int i = 0;
    for (Map.Entry<String, Long> e : adds.entrySet()) {
      names.put("#a" + i, e.getKey());
      values.put(":v" + i, AttributeValue.fromN(Long.toString(e.getValue())));
      parts.add("#a" + i + " :v" + i);
      i++;
    }
    if (!failing.isEmpty()) {
      names.put("#fs", "failing_sources");
      values.put(":fs", AttributeValue.fromSs(List.copyOf(failing)));
      parts.add("#fs :fs");
    }
    return TransactWriteItem.builder()
        .update(
            u ->
                u.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
                    .updateExpression("ADD " + String.join(", ", parts))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values))
        .build();
  }

  private TransactWriteItem marker(String pk, String reportId) {
    return TransactWriteItem.builder()
        .put(
            p ->
                p.tableName(table)
                    .item(
                        Map.of(
                            "pk",
                            AttributeValue.fromS(pk),
                            "sk",
                            AttributeValue.fromS(reportId),
                            "stored_at",
                            AttributeValue.fromS(clock.instant().toString())))
                    .conditionExpression("attribute_not_exists(pk)"))
        .build();
  }

  private boolean transact(List<TransactWriteItem> items, String what) {
    try {
      dynamo.transactWriteItems(r -> r.transactItems(items));
      return true;
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.cancellationReasons();
      if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
        return false;
      }
      throw new ReportsException(what + " not stored: " + SdkErrors.describe(e), e);
    } catch (SdkException e) {
      throw new ReportsException(what + " not stored: " + SdkErrors.describe(e), e);
    }
  }

  private void putPolicy(AggregateReport r) {
    AggregateReport.PolicyPublished p = r.policy();
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", AttributeValue.fromS("DMARC#" + p.domain()));
    item.put("sk", AttributeValue.fromS("POLICY"));
    item.put("as_of", AttributeValue.fromS(r.end().toString()));
    putIf(item, "p", p.p());
    putIf(item, "sp", p.sp());
    putIf(item, "np", p.np());
    putIf(item, "adkim", p.adkim());
    putIf(item, "aspf", p.aspf());
    if (p.pct() != null) {
      item.put("pct", AttributeValue.fromN(p.pct().toString()));
    }
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(item)
                  .conditionExpression("attribute_not_exists(pk) OR as_of <= :t")
                  .expressionAttributeValues(
                      Map.of(":t", AttributeValue.fromS(r.end().toString()))));
    } catch (ConditionalCheckFailedException e) {
      // a newer report already said what is published
    } catch (SdkException e) {
      throw new ReportsException(
          "policy of " + p.domain() + " not stored: " + SdkErrors.describe(e), e);
    }
  }

  private static void putIf(Map<String, AttributeValue> item, String k, String v) {
    if (v != null) {
      item.put(k, AttributeValue.fromS(v));
    }
  }

  private void put(String key, String body) {
    try {
      s3.putObject(
          b -> b.bucket(bucket).key(key).contentType("application/x-ndjson"),
          RequestBody.fromString(body, StandardCharsets.UTF_8));
    } catch (SdkException e) {
      throw new ReportsException(
          "s3://" + bucket + "/" + key + " not written: " + SdkErrors.describe(e), e);
    }
  }

  @Override
  public List<DaySummary> summaries(String domain, LocalDate from, LocalDate to) {
    List<DaySummary> out = new ArrayList<>();
    try {
      dynamo
          .queryPaginator(
              q ->
                  q.tableName(table)
                      .consistentRead(true)
                      .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                      .expressionAttributeValues(
                          Map.of(
                              ":pk",
                              AttributeValue.fromS("DMARC#" + domain),
                              ":a",
                              AttributeValue.fromS("DAY#" + from),
                              ":b",
                              AttributeValue.fromS("DAY#" + to + "#~"))))
          .items()
          .forEach(item -> out.add(summary(domain, item)));
    } catch (SdkException e) {
      throw new ReportsException(
          "DMARC summaries of " + domain + " not read: " + SdkErrors.describe(e), e);
    }
    return out;
  }

  private static DaySummary summary(String domain, Map<String, AttributeValue> item) {
    String[] sk = item.get("sk").s().split("#");
    Map<String, Long> disp = new TreeMap<>();
    Map<String, Long> causes = new TreeMap<>();
    item.forEach(
        (k, v) -> {
          if (k.startsWith("disp_")) {
            disp.put(k.substring(5), Long.parseLong(v.n()));
          } else if (k.startsWith("cause_")) {
            causes.put(k.substring(6), Long.parseLong(v.n()));
          }
        });
    Set<String> failing =
        item.containsKey("failing_sources")
            ? new TreeSet<>(item.get("failing_sources").ss())
            : Set.of();
    return new DaySummary(
        domain,
        LocalDate.parse(sk[1]),
        sk[2],
        n(item, "reports"),
        n(item, "messages"),
        n(item, "dmarc_pass"),
        n(item, "dkim_aligned"),
        n(item, "spf_aligned"),
        disp,
        failing,
        causes);
  }

  private static long n(Map<String, AttributeValue> item, String k) {
    return item.containsKey(k) ? Long.parseLong(item.get(k).n()) : 0;
  }

  @Override
  public Optional<AggregateReport.PolicyPublished> policy(String domain) {
    Map<String, AttributeValue> item;
    try {
      item =
          dynamo
              .getItem(
                  g ->
                      g.tableName(table)
                          .consistentRead(true)
                          .key(
                              Map.of(
                                  "pk",
                                  AttributeValue.fromS("DMARC#" + domain),
                                  "sk",
                                  AttributeValue.fromS("POLICY"))))
              .item();
    } catch (SdkException e) {
      throw new ReportsException(
          "DMARC policy of " + domain + " not read: " + SdkErrors.describe(e), e);
    }
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new AggregateReport.PolicyPublished(
            domain,
            s(item, "adkim"),
            s(item, "aspf"),
            s(item, "p"),
            s(item, "sp"),
            item.containsKey("pct") ? Integer.valueOf(item.get("pct").n()) : null,
            s(item, "np")));
  }

  private static String s(Map<String, AttributeValue> item, String k) {
    return item.containsKey(k) ? item.get(k).s() : null;
  }

  /** A safe, stable object name per (org, report id): readable org prefix and a hash. */
  static String objectName(String org, String reportId) {
    String safeOrg = org.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-");
    if (safeOrg.length() > 40) {
      safeOrg = safeOrg.substring(0, 40);
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((org + "\n" + reportId).getBytes(StandardCharsets.UTF_8));
      return safeOrg + "-" + HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
