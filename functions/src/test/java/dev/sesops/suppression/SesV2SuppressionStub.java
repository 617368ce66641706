package dev.sesops.suppression;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.sesops.common.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The SES v2 suppression list as an HTTP server (WireMock with a stateful transformer), answering
 * with the REST paths and JSON bodies of the SES v2 API reference: ListSuppressedDestinations
 * (Reason, StartDate, EndDate, PageSize, NextToken), Get/Put/DeleteSuppressedDestination,
 * CreateImportJob / GetImportJob (the job reads its S3 source through {@code sources}) and
 * GetAccount. Faults: the next N calls of an operation answer with a status (429
 * TooManyRequestsException, 500, 400 BadRequestException).
 */
final class SesV2SuppressionStub implements ResponseDefinitionTransformerV2 {
  static final String LIST = "ListSuppressedDestinations";
  static final String GET = "GetSuppressedDestination";
  static final String DELETE = "DeleteSuppressedDestination";
  static final String PUT = "PutSuppressedDestination";
  static final String CREATE_JOB = "CreateImportJob";
  static final String GET_JOB = "GetImportJob";
  static final String ACCOUNT = "GetAccount";

  record Entry(
      String address, String reason, Instant updated, String messageId, String feedbackId) {}

  private final NavigableMap<String, Entry> entries = new TreeMap<>();
  private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
  private final Map<String, Integer> jobPolls = new HashMap<>();
  private final Map<String, Deque<Integer>> faults = new HashMap<>();
  private final Map<String, AtomicInteger> counts = new HashMap<>();
  private final List<String> rawPaths = new ArrayList<>();
  private final Function<String, List<String>> sources;
  private WireMockServer server;
  volatile boolean production = true;
  volatile boolean refuseImportJobs;
  volatile int pollsToFinish = 2;
  volatile Predicate<String> failingRecords = a -> false;

  SesV2SuppressionStub(Function<String, List<String>> sources) {
    this.sources = sources;
  }

  SesV2SuppressionStub serve() {
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .extensions(this));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(ok()));
    return this;
  }

  void shutdown() {
    if (server != null) {
      server.stop();
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Back to an empty production account with no faults. */
  synchronized void reset() {
    entries.clear();
    jobs.clear();
    jobPolls.clear();
    faults.clear();
    counts.clear();
    rawPaths.clear();
    production = true;
    refuseImportJobs = false;
    pollsToFinish = 2;
    failingRecords = a -> false;
  }

  synchronized void add(String address, String reason, Instant updated) {
    entries.put(
        address,
        new Entry(
            address, reason, updated, "msg-" + address.hashCode(), "fb-" + address.hashCode()));
  }

  /** address -> reason, as the server holds it now. */
  synchronized Map<String, String> snapshot() {
    Map<String, String> m = new TreeMap<>();
    entries.values().forEach(e -> m.put(e.address(), e.reason()));
    return m;
  }

  synchronized void fault(String operation, int times, int status) {
    Deque<Integer> q = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      q.add(status);
    }
  }

  /** Every request the stub answered, of any operation (faults included). */
  synchronized int total() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  synchronized int count(String operation) {
    return counts.getOrDefault(operation, new AtomicInteger()).get();
  }

  synchronized int totalCalls() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  synchronized List<String> rawPaths() {
    return List.copyOf(rawPaths);
  }

  @Override
  public String getName() {
    return "ses-v2-suppression";
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    Request r = event.getRequest();
    URI uri = URI.create("http://stub" + r.getUrl());
    String path = uri.getPath();
    String method = r.getMethod().getName();
    String prefix = "/v2/email/suppression/addresses";
    String op;
    if (path.equals(prefix)) {
      op = method.equals("GET") ? LIST : PUT;
    } else if (path.startsWith(prefix + "/")) {
      op = method.equals("GET") ? GET : DELETE;
      rawPaths.add(uri.getRawPath());
    } else if (path.equals("/v2/email/import-jobs")) {
      op = CREATE_JOB;
    } else if (path.startsWith("/v2/email/import-jobs/")) {
      op = GET_JOB;
    } else if (path.equals("/v2/email/account")) {
      op = ACCOUNT;
    } else {
      return error(404, "NotFoundException", "no such operation");
    }
    counts.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    Deque<Integer> q = faults.get(op);
    if (q != null && !q.isEmpty()) {
      int status = q.poll();
      return switch (status) {
        case 429 -> error(429, "TooManyRequestsException", "Too many requests.");
        case 400 -> error(400, "BadRequestException", "Bad request.");
        default -> error(status, "InternalFailure", "Internal failure.");
      };
    }
    return switch (op) {
      case LIST -> list(query(uri.getRawQuery()));
      case GET -> get(path.substring(prefix.length() + 1));
      case DELETE -> delete(path.substring(prefix.length() + 1));
      case PUT -> put(Json.read(r.getBodyAsString()));
      case CREATE_JOB -> createJob(Json.read(r.getBodyAsString()));
      case GET_JOB -> getJob(path.substring("/v2/email/import-jobs/".length()));
      default -> account();
    };
  }

  private ResponseDefinition list(Map<String, List<String>> q) {
    List<String> reasons = q.getOrDefault("Reason", List.of());
    Instant start = q.containsKey("StartDate") ? Instant.parse(q.get("StartDate").get(0)) : null;
    Instant end = q.containsKey("EndDate") ? Instant.parse(q.get("EndDate").get(0)) : null;
    int size = q.containsKey("PageSize") ? Integer.parseInt(q.get("PageSize").get(0)) : 100;
    if (size < 1 || size > 1000) {
      return error(400, "BadRequestException", "PageSize must be 1 to 1000");
    }
    String after =
        q.containsKey("NextToken")
            ? new String(
                Base64.getUrlDecoder().decode(q.get("NextToken").get(0)), StandardCharsets.UTF_8)
            : null;
    ArrayNode summaries = Json.MAPPER.createArrayNode();
    String last = null;
    boolean more = false;
    for (Entry e : (after == null ? entries : entries.tailMap(after, false)).values()) {
      if (!reasons.isEmpty() && !reasons.contains(e.reason())
          || end != null && !e.updated().isBefore(end)
          || start != null && e.updated().isBefore(start)) {
        continue;
      }
      if (summaries.size() == size) {
        more = true;
        break;
      }
      ObjectNode s = summaries.addObject();
      s.put("EmailAddress", e.address());
      s.put("Reason", e.reason());
      s.put("LastUpdateTime", epoch(e.updated()));
      last = e.address();
    }
    ObjectNode body = Json.object();
    body.set("SuppressedDestinationSummaries", summaries);
    if (more) {
      body.put(
          "NextToken",
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
    return json(200, body);
  }

  private ResponseDefinition get(String address) {
    Entry e = entries.get(address);
    if (e == null) {
      return error(404, "NotFoundException", "Email address is not on the suppression list.");
    }
    ObjectNode body = Json.object();
    ObjectNode d = body.putObject("SuppressedDestination");
    d.put("EmailAddress", e.address());
    d.put("Reason", e.reason());
    d.put("LastUpdateTime", epoch(e.updated()));
    ObjectNode attrs = d.putObject("Attributes");
    attrs.put("MessageId", e.messageId());
    attrs.put("FeedbackId", e.feedbackId());
    return json(200, body);
  }

  private ResponseDefinition delete(String address) {
    return entries.remove(address) == null
        ? error(404, "NotFoundException", "Email address is not on the suppression list.")
        : json(200, Json.object());
  }

  private ResponseDefinition put(JsonNode body) {
    String address = body.path("EmailAddress").asText(null);
    String reason = body.path("Reason").asText(null);
    if (address == null || !("BOUNCE".equals(reason) || "COMPLAINT".equals(reason))) {
      return error(
          400,
          "BadRequestException",
          "EmailAddress and Reason (BOUNCE or COMPLAINT) are required.");
    }
    entries.put(address, new Entry(address, reason, Instant.now(), null, null));
    return json(200, Json.object());
  }

  private ResponseDefinition createJob(JsonNode body) {
    String action =
        body.path("ImportDestination")
            .path("SuppressionListDestination")
            .path("SuppressionListImportAction")
            .asText(null);
    String url = body.path("ImportDataSource").path("S3Url").asText(null);
    String format = body.path("ImportDataSource").path("DataFormat").asText(null);
    if (refuseImportJobs) {
      return error(
          400, "BadRequestException", "Bulk suppression list changes require production access.");
    }
    if (action == null
        || url == null
        || !url.startsWith("s3://")
        || !("JSON".equals(format) || "CSV".equals(format))) {
      return error(
          400, "BadRequestException", "ImportDestination and ImportDataSource are required.");
    }
    String id = "job-" + String.format("%04d", jobs.size() + 1);
    ObjectNode job = Json.object();
    job.put("JobId", id);
    job.set("ImportDestination", body.path("ImportDestination"));
    job.set("ImportDataSource", body.path("ImportDataSource"));
    job.put("JobStatus", "CREATED");
    job.put("CreatedTimestamp", epoch(Instant.now()));
    job.put("ProcessedRecordsCount", 0);
    job.put("FailedRecordsCount", 0);
    jobs.put(id, job);
    ObjectNode resp = Json.object();
    resp.put("JobId", id);
    return json(200, resp);
  }

  private ResponseDefinition getJob(String id) {
    ObjectNode job = jobs.get(id);
    if (job == null) {
      return error(404, "NotFoundException", "Import job not found.");
    }
    int polls = jobPolls.merge(id, 1, Integer::sum);
    if (job.path("JobStatus").asText().equals("CREATED")
        || job.path("JobStatus").asText().equals("PROCESSING")) {
      if (polls < pollsToFinish) {
        job.put("JobStatus", "PROCESSING");
      } else {
        run(job);
      }
    }
    return json(200, job);
  }

  private void run(ObjectNode job) {
    String action =
        job.path("ImportDestination")
            .path("SuppressionListDestination")
            .path("SuppressionListImportAction")
            .asText();
    int processed = 0;
    int failed = 0;
    for (String line : sources.apply(job.path("ImportDataSource").path("S3Url").asText())) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode rec = Json.read(line);
      String address = rec.path("emailAddress").asText();
      processed++;
      if (failingRecords.test(address)) {
        failed++;
      } else if (action.equals("DELETE")) {
        entries.remove(address);
      } else {
        entries.put(
            address, new Entry(address, rec.path("reason").asText(), Instant.now(), null, null));
      }
    }
    job.put("JobStatus", "COMPLETED");
    job.put("ProcessedRecordsCount", processed);
    job.put("FailedRecordsCount", failed);
    job.put("CompletedTimestamp", epoch(Instant.now()));
    if (failed > 0) {
      job.putObject("FailureInfo").put("ErrorMessage", failed + " record(s) failed");
    }
  }

  private ResponseDefinition account() {
    ObjectNode body = Json.object();
    body.put("ProductionAccessEnabled", production);
    body.put("SendingEnabled", true);
    body.put("EnforcementStatus", "HEALTHY");
    body.put("DedicatedIpAutoWarmupEnabled", false);
    ObjectNode quota = body.putObject("SendQuota");
    quota.put("Max24HourSend", production ? 50000.0 : 200.0);
    quota.put("MaxSendRate", production ? 14.0 : 1.0);
    quota.put("SentLast24Hours", 0.0);
    return json(200, body);
  }

  private static BigDecimal epoch(Instant t) {
    return BigDecimal.valueOf(t.getEpochSecond())
        .add(BigDecimal.valueOf(t.getNano(), 9))
        .stripTrailingZeros();
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return q;
  }

  private static ResponseDefinition json(int status, JsonNode body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-RequestId", "stub-request")
        .withBody(Json.write(body))
        .build();
  }

  private static ResponseDefinition error(int status, String type, String message) {
    ObjectNode body = Json.object();
    body.put("message", message);
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-ErrorType", type)
        .withHeader("x-amzn-RequestId", "stub-request")
        .withBody(Json.write(body))
        .build();
  }
}
