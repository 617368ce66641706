package dev.sesops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.sesops.common.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SES v2 as VDM and tenants answer it, for the calls moto lacks: GetAccount (with VdmAttributes),
 * ListRecommendations, ListTenants, GetTenant, ListReputationEntities, GetReputationEntity and
 * BatchGetMetricData, at the paths and with the JSON bodies of the SDK 2.59.1 marshallers ({@code
 * POST /v2/email/vdm/recommendations}, {@code POST /v2/email/tenants/list}, {@code POST
 * /v2/email/tenants/get}, {@code POST /v2/email/reputation/entities}, {@code GET
 * /v2/email/reputation/entities/RESOURCE/ARN}, {@code POST /v2/email/metrics/batch}). Pages are
 * served by offset tokens; a PageSize above 100 is refused as SES does. Requests outside {@code
 * /v2/email} keep the server's own stubs (CloudWatch, for instance).
 */
public final class SesSignalsStub implements ResponseDefinitionTransformerV2 {
  public static final String ACCOUNT = "GetAccount";
  public static final String RECOMMENDATIONS = "ListRecommendations";
  public static final String TENANTS = "ListTenants";
  public static final String TENANT = "GetTenant";
  public static final String ENTITIES = "ListReputationEntities";
  public static final String ENTITY = "GetReputationEntity";
  public static final String METRICS = "BatchGetMetricData";
  public static final String CONFIG_SETS = "ListConfigurationSets";
  public static final String DESTINATIONS = "GetConfigurationSetEventDestinations";

  /** One finding as the stub holds it. */
  public record Finding(
      String resourceArn, String type, String impact, String status, String description) {}

  /** One tenant with its reputation entity. */
  public record Tenant(
      String name,
      String aggregate,
      String customerStatus,
      String customerCause,
      String awsStatus,
      String awsCause,
      String policy) {
    public String arn(String region) {
      return "arn:aws:ses:"
          + region
          + ":111122223333:tenant/"
          + name
          + "/t-"
          + Integer.toHexString(name.hashCode());
    }
  }

  private final String region;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Tenant> tenants = new LinkedHashMap<>();
  private final Map<String, Long> metricSums = new HashMap<>();

  /** Configuration set name to whether its one event destination (EventBridge) is enabled. */
  private final Map<String, Boolean> configurationSets = new LinkedHashMap<>();

  private final Map<String, AtomicInteger> counts = new HashMap<>();
  private final Map<String, Deque<Integer>> faults = new HashMap<>();
  private final List<Integer> pageSizes = new ArrayList<>();
  private volatile boolean vdm = true;
  private volatile String enforcement = "HEALTHY";
  private volatile boolean sendingEnabled = true;

  public SesSignalsStub(String region) {
    this.region = region;
  }

  public synchronized SesSignalsStub vdm(boolean on) {
    vdm = on;
    return this;
  }

  public synchronized SesSignalsStub sendingEnabled(boolean on) {
    sendingEnabled = on;
    return this;
  }

  public synchronized void finding(
      String resourceArn, String type, String impact, String status, String description) {
    findings.removeIf(f -> f.resourceArn().equals(resourceArn) && f.type().equals(type));
    findings.add(new Finding(resourceArn, type, impact, status, description));
  }

  public synchronized void clearFindings() {
    findings.clear();
  }

  public synchronized void tenant(Tenant t) {
    tenants.put(t.name(), t);
  }

  /** A tenant that can send (every status ENABLED, standard policy). */
  public synchronized void healthyTenant(String name) {
    tenant(
        new Tenant(
            name,
            "ENABLED",
            "ENABLED",
            null,
            "ENABLED",
            null,
            "arn:aws:ses:::reputation-policy/standard"));
  }

  public synchronized void configurationSet(String name, boolean eventBridgeDestinationEnabled) {
    configurationSets.put(name, eventBridgeDestinationEnabled);
  }

  public synchronized void metric(String isp, String metric, long sum) {
    metricSums.put(isp + "|" + metric, sum);
  }

  public synchronized void fault(String operation, int times, int status) {
    Deque<Integer> q = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
    for (int i = 0; i < times; i++) {
      q.add(status);
    }
  }

  public synchronized int calls(String operation) {
    AtomicInteger c = counts.get(operation);
    return c == null ? 0 : c.get();
  }

  public synchronized int totalCalls() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public synchronized List<Integer> pageSizes() {
    return List.copyOf(pageSizes);
  }

  public synchronized void resetCounts() {
    counts.clear();
    pageSizes.clear();
  }

  public String tenantArn(String name) {
    return tenants.get(name).arn(region);
  }

  @Override
  public String getName() {
    return "ses-v2-signals";
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
    if (!path.startsWith("/v2/email/")) {
      return event.getResponseDefinition();
    }
    String op;
    if (path.equals("/v2/email/account") && method.equals("GET")) {
      op = ACCOUNT;
    } else if (path.equals("/v2/email/vdm/recommendations") && method.equals("POST")) {
      op = RECOMMENDATIONS;
    } else if (path.equals("/v2/email/tenants/list") && method.equals("POST")) {
      op = TENANTS;
    } else if (path.equals("/v2/email/tenants/get") && method.equals("POST")) {
      op = TENANT;
    } else if (path.equals("/v2/email/reputation/entities") && method.equals("POST")) {
      op = ENTITIES;
    } else if (path.startsWith("/v2/email/reputation/entities/RESOURCE/") && method.equals("GET")) {
      op = ENTITY;
    } else if (path.equals("/v2/email/metrics/batch") && method.equals("POST")) {
      op = METRICS;
    } else if (path.equals("/v2/email/list-configuration-sets") && method.equals("POST")) {
      op = CONFIG_SETS;
    } else if (path.startsWith("/v2/email/configuration-sets/")
        && path.endsWith("/event-destinations")
        && method.equals("GET")) {
      op = DESTINATIONS;
    } else {
      return event.getResponseDefinition();
    }
    counts.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    Deque<Integer> q = faults.get(op);
    if (q != null && !q.isEmpty()) {
      int status = q.poll();
      return status == 429
          ? error(429, "TooManyRequestsException", "Too many requests.")
          : status == 403
              ? error(403, "AccessDeniedException", "Not authorized.")
              : error(status, "InternalFailure", "Internal failure.");
    }
    JsonNode body =
        r.getBodyAsString() == null || r.getBodyAsString().isBlank()
            ? Json.object()
            : Json.read(r.getBodyAsString());
    return switch (op) {
      case ACCOUNT -> json(account());
      case RECOMMENDATIONS ->
          page(body, "Recommendations", findings.stream().map(this::finding).toList());
      case TENANTS ->
          page(body, "Tenants", tenants.values().stream().map(this::tenantInfo).toList());
      case TENANT -> getTenant(body);
      case ENTITIES -> page(body, "ReputationEntities", entities(body.path("Filter")));
      case ENTITY ->
          getEntity(
              URLDecoder.decode(
                  uri.getRawPath().substring("/v2/email/reputation/entities/RESOURCE/".length()),
                  StandardCharsets.UTF_8));
      case CONFIG_SETS -> configurationSetPage(body);
      case DESTINATIONS ->
          destinations(
              URLDecoder.decode(
                  path.substring(
                      "/v2/email/configuration-sets/".length(),
                      path.length() - "/event-destinations".length()),
                  StandardCharsets.UTF_8));
      default -> metrics(body);
    };
  }

  private ObjectNode account() {
    ObjectNode a = Json.object();
    a.put("EnforcementStatus", enforcement);
    a.put("ProductionAccessEnabled", true);
    a.put("SendingEnabled", sendingEnabled);
    a.putObject("SendQuota")
        .put("Max24HourSend", 50000.0)
        .put("MaxSendRate", 14.0)
        .put("SentLast24Hours", 120.0);
    ObjectNode v = a.putObject("VdmAttributes");
    v.put("VdmEnabled", vdm ? "ENABLED" : "DISABLED");
    if (vdm) {
      v.putObject("DashboardAttributes").put("EngagementMetrics", "ENABLED");
      v.putObject("GuardianAttributes").put("OptimizedSharedDelivery", "ENABLED");
    }
    return a;
  }

  private ResponseDefinition page(JsonNode body, String field, List<ObjectNode> all) {
    int size = body.path("PageSize").isMissingNode() ? 100 : body.path("PageSize").asInt();
    pageSizes.add(size);
    if (size < 1 || size > 100) {
      return error(400, "BadRequestException", "PageSize must be between 1 and 100.");
    }
    int from =
        body.path("NextToken").isMissingNode()
            ? 0
            : Integer.parseInt(body.path("NextToken").asText().substring(1));
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray(field);
    for (int i = from; i < Math.min(all.size(), from + size); i++) {
      items.add(all.get(i));
    }
    if (from + size < all.size()) {
      out.put("NextToken", "o" + (from + size));
    }
    return json(out);
  }

  private ObjectNode finding(Finding f) {
    ObjectNode n = Json.object();
    n.put("ResourceArn", f.resourceArn());
    n.put("Type", f.type());
    n.put("Description", f.description());
    n.put("Status", f.status());
    n.put("CreatedTimestamp", 1764720000.0);
    n.put("LastUpdatedTimestamp", 1764730000.0);
    n.put("Impact", f.impact());
    return n;
  }

  private ObjectNode tenantInfo(Tenant t) {
    ObjectNode n = Json.object();
    n.put("TenantName", t.name());
    n.put("TenantId", "t-" + Integer.toHexString(t.name().hashCode()));
    n.put("TenantArn", t.arn(region));
    n.put("CreatedTimestamp", 1764720000.0);
    n.put("SendingStatus", t.aggregate());
    return n;
  }

  private ObjectNode entity(Tenant t) {
    ObjectNode n = Json.object();
    n.put("ReputationEntityReference", t.arn(region));
    n.put("ReputationEntityType", "RESOURCE");
    n.put("ReputationManagementPolicy", t.policy());
    status(n.putObject("CustomerManagedStatus"), t.customerStatus(), t.customerCause());
    status(n.putObject("AwsSesManagedStatus"), t.awsStatus(), t.awsCause());
    n.put("SendingStatusAggregate", t.aggregate());
    n.put("ReputationImpact", "DISABLED".equals(t.awsStatus()) ? "HIGH" : "LOW");
    return n;
  }

  private static void status(ObjectNode n, String status, String cause) {
    n.put("Status", status);
    if (cause != null) {
      n.put("Cause", cause);
    }
    n.put("LastUpdatedTimestamp", 1764730000.0);
  }

  private List<ObjectNode> entities(JsonNode filter) {
    String status = filter.path("SENDING_STATUS").asText(null);
    return tenants.values().stream()
        .filter(t -> status == null || status.equals(t.aggregate()))
        .map(this::entity)
        .toList();
  }

  private ResponseDefinition getTenant(JsonNode body) {
    Tenant t = tenants.get(body.path("TenantName").asText());
    if (t == null) {
      return error(404, "NotFoundException", "Tenant not found.");
    }
    ObjectNode out = Json.object();
    ObjectNode n = out.putObject("Tenant");
    n.setAll(tenantInfo(t));
    n.putArray("Tags");
    return json(out);
  }

  private ResponseDefinition getEntity(String reference) {
    for (Tenant t : tenants.values()) {
      if (t.arn(region).equals(reference)) {
        ObjectNode out = Json.object();
        out.set("ReputationEntity", entity(t));
        return json(out);
      }
    }
    return error(404, "NotFoundException", "Reputation entity not found.");
  }

  private ResponseDefinition configurationSetPage(JsonNode body) {
    ObjectNode out = Json.object();
    ArrayNode names = out.putArray("ConfigurationSets");
    configurationSets.keySet().forEach(names::add);
    return json(out);
  }

  private ResponseDefinition destinations(String set) {
    Boolean enabled = configurationSets.get(set);
    if (enabled == null) {
      return error(404, "NotFoundException", "Configuration set does not exist.");
    }
    ObjectNode out = Json.object();
    ObjectNode d = out.putArray("EventDestinations").addObject();
    d.put("Name", "to-ops-bus");
    d.put("Enabled", enabled);
    d.putArray("MatchingEventTypes").add("SEND").add("DELIVERY").add("BOUNCE").add("COMPLAINT");
    d.putObject("EventBridgeDestination")
        .put("EventBusArn", "arn:aws:events:" + region + ":111122223333:event-bus/default");
    return json(out);
  }

  private ResponseDefinition metrics(JsonNode body) {
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("Results");
    out.putArray("Errors");
    for (JsonNode q : body.path("Queries")) {
      if (!"VDM".equals(q.path("Namespace").asText())) {
        return error(400, "BadRequestException", "Namespace must be VDM.");
      }
      String isp = q.path("Dimensions").path("ISP").asText();
      Long sum = metricSums.get(isp + "|" + q.path("Metric").asText());
      ObjectNode res = results.addObject();
      res.put("Id", q.path("Id").asText());
      ArrayNode ts = res.putArray("Timestamps");
      ArrayNode vs = res.putArray("Values");
      if (sum != null) {
        ts.add(Instant.parse("2026-12-02T00:00:00Z").getEpochSecond());
        vs.add(sum);
      }
    }
    return json(out);
  }

  private static ResponseDefinition json(JsonNode body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(200)
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
