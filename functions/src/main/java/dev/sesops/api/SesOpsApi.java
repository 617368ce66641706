package dev.sesops.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.aws.AccountClients;
import dev.sesops.aws.Pacer;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.common.Settings;
import dev.sesops.common.Json;
import dev.sesops.common.AddressMask;
import dev.sesops.common.NotFoundException;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import dev.sesops.config.MonitoringConfig;
import dev.sesops.config.SesOpsConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every ses-helper command as an API route: validates the call, runs it against the account's SES
 * through {@link SesAccount}, and answers JSON. Errors go through {@link ApiErrors}.
 */
public final class SesOpsApi {
  private static final Logger LOG = LoggerFactory.getLogger(SesOpsApi.class);
  static final int MAX_BODY_BYTES = 64 * 1024;
  static final Set<String> SIMULATOR = Set.of(
      "success@simulator.amazonses.com", "bounce@simulator.amazonses.com", "ooto@simulator.amazonses.com",
      "complaint@simulator.amazonses.com", "suppressionlist@simulator.amazonses.com");
  private static final Set<String> REASONS = Set.of("BOUNCE", "COMPLAINT");

  private final ConfigSource config;
  private final Function<AccountConfig, SesAccount> ses;
  private final MxLookup mx;
  private final Runners.MonitorRunner monitor;
  private final Runners.AuditRunner audit;
  private final Runners.CleanupRunner cleanup;
  private final Clock clock;
  private final Duration runBudget;
  private final Router router;
  private final java.util.function.Supplier<dev.sesops.protection.Resumer> resumer;

  SesOpsApi(ConfigSource config, Function<AccountConfig, SesAccount> ses, MxLookup mx, Runners.MonitorRunner monitor,
      Runners.AuditRunner audit, Runners.CleanupRunner cleanup, Clock clock, Duration runBudget) {
    this(config, ses, mx, monitor, audit, cleanup, clock, runBudget, () -> {
      throw new Settings.MissingSettingException("SES_OPS_STATE_TABLE (protection is not wired here)");
    });
  }

  SesOpsApi(ConfigSource config, Function<AccountConfig, SesAccount> ses, MxLookup mx, Runners.MonitorRunner monitor,
      Runners.AuditRunner audit, Runners.CleanupRunner cleanup, Clock clock, Duration runBudget,
      java.util.function.Supplier<dev.sesops.protection.Resumer> resumer) {
    this.resumer = Objects.requireNonNull(resumer, "resumer");
    this.config = Objects.requireNonNull(config, "config");
    this.ses = Objects.requireNonNull(ses, "ses");
    this.mx = Objects.requireNonNull(mx, "mx");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.runBudget = Objects.requireNonNull(runBudget, "runBudget");
    this.router = new Router(routes());
  }

  /** The API as deployed: API Gateway gives a call 29 s, so runs get 25 s. */
  public static SesOpsApi create(Settings settings, Clock clock) {
    return create(settings, clock, Duration.ofSeconds(25));
  }

  /**
   * Config from the secret (or file), per-account SDK clients, paced SES calls, DNS, and the monitor,
   * audit and cleanup services; {@code runBudget} bounds a monitor, audit or cleanup run.
   */
  public static SesOpsApi create(Settings settings, Clock clock, Duration runBudget) {
    AccountClients clients = new AccountClients(settings.homeRegion());
    Map<String, Pacer> pacers = new ConcurrentHashMap<>();
    Function<AccountConfig, SesAccount> ses = a -> new SdkSesAccount(clients.ses(a), clients.sesV2(a), clients.cloudWatch(a),
        // a small burst: one API call makes up to five SES calls, and people are waiting for it
        pacers.computeIfAbsent(a.name(), n -> new Pacer(settings.sesCallsPerSecond(), 5)));
    return new SesOpsApi(clients.configSource(settings), ses, new DnsMxLookup(settings.dnsServers()),
        ServiceRunners.monitor(settings, clients, clock), ServiceRunners.audit(settings, clients, clock),
        ServiceRunners.cleanup(settings, clients, clock), clock, runBudget,
        dev.sesops.common.Lazy.of(() -> dev.sesops.protection.Protection.resumer(settings, clients, clock)));
  }

  Router router() {
    return router;
  }

  /** Answers one call; never throws. */
  public ApiResponse handle(ApiRequest request) {
    long start = System.nanoTime();
    ApiResponse response;
    try {
      if (request.body() != null && request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
        throw new ApiException(413, "payload_too_large", "the body is larger than 64 KB");
      }
      response = router.dispatch(request);
    } catch (RuntimeException e) {
      response = ApiErrors.toResponse(e, request.requestId());
    }
    LOG.info("{} {} -> {} in {} ms (request {})", safeMethod(request.method()), routeName(request), response.status(),
        (System.nanoTime() - start) / 1_000_000, request.requestId());
    return response;
  }

  private List<Router.Route> routes() {
    List<Router.Route> routes = new ArrayList<>(helperRoutes());
    routes.addAll(new ProtectionRoutes(config, resumer).routes());
    return routes;
  }

  private List<Router.Route> helperRoutes() {
    String a = "/accounts/{account}";
    return List.of(
        new Router.Route("GET", "/accounts", this::accounts),
        new Router.Route("GET", a + "/quota", this::quota),
        new Router.Route("GET", a + "/stats", this::stats),
        new Router.Route("GET", a + "/reputation", this::reputation),
        new Router.Route("POST", a + "/monitor", this::monitor),
        new Router.Route("POST", a + "/audit", this::audit),
        new Router.Route("GET", a + "/identities", this::identities),
        new Router.Route("POST", a + "/identities", this::verifyIdentity),
        new Router.Route("GET", a + "/identities/{identity}", this::identity),
        new Router.Route("GET", a + "/identities/{identity}/dkim", this::dkim),
        new Router.Route("PUT", a + "/identities/{identity}/dkim", this::enableDkim),
        new Router.Route("GET", a + "/identities/{identity}/notifications", this::notifications),
        new Router.Route("GET", a + "/configuration-sets", this::configurationSets),
        new Router.Route("GET", a + "/suppressed", this::suppressed),
        new Router.Route("GET", a + "/suppressed/{email}", this::suppressionDetails),
        new Router.Route("DELETE", a + "/suppressed/{email}", this::removeSuppression),
        new Router.Route("POST", a + "/test-emails", this::sendTest),
        new Router.Route("GET", a + "/debug/{email}", this::debug),
        new Router.Route("POST", a + "/suppression-cleanup", this::suppressionCleanup));
  }

  // ---- accounts, quota, stats, reputation

  private ApiResponse accounts(Router.Call call) {
    Params.allowQuery(call.request());
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (AccountConfig a : config.load().accounts().values()) {
      ObjectNode n = list.addObject();
      n.put("name", a.name());
      n.put("region", a.region());
      if (a.description() != null) {
        n.put("description", a.description());
      }
    }
    ObjectNode body = Json.object();
    body.set("accounts", list);
    return ApiResponse.ok(body);
  }

  private ApiResponse quota(Router.Call call) {
    Params.allowQuery(call.request());
    AccountConfig a = account(call);
    SesAccount.Quota q = ses.apply(a).quota();
    ObjectNode body = head(a);
    boolean unlimited = q.max24HourSend() < 0;
    if (unlimited) {
      body.putNull("max_24_hour_send");
    } else {
      body.put("max_24_hour_send", q.max24HourSend());
    }
    body.put("unlimited", unlimited);
    body.put("max_send_rate", q.maxSendRate());
    body.put("sent_last_24_hours", q.sentLast24Hours());
    if (!unlimited) {
      body.put("remaining", Math.max(0, q.max24HourSend() - q.sentLast24Hours()));
      body.put("used_percent", q.max24HourSend() == 0 ? 100.0 : round(100 * q.sentLast24Hours() / q.max24HourSend()));
    }
    return ApiResponse.ok(body);
  }

  private ApiResponse stats(Router.Call call) {
    Params.allowQuery(call.request());
    AccountConfig a = account(call);
    MonitoringConfig m = config.load().monitoring();
    List<SesAccount.SendDataPoint> points = new ArrayList<>(ses.apply(a).sendStatistics());
    points.sort(Comparator.comparing(SesAccount.SendDataPoint::timestamp));
    Instant now = clock.instant();
    ObjectNode body = head(a);
    body.set("last_24_hours", totals(points, now.minus(Duration.ofHours(24)), m.volumeFloor()));
    body.set("last_14_days", totals(points, now.minus(Duration.ofDays(14)), m.volumeFloor()));
    body.set("data_points", Json.tree(points));
    return ApiResponse.ok(body);
  }

  private static ObjectNode totals(List<SesAccount.SendDataPoint> points, Instant since, long floor) {
    long attempts = 0;
    long bounces = 0;
    long complaints = 0;
    long rejects = 0;
    for (SesAccount.SendDataPoint p : points) {
      if (!p.timestamp().isBefore(since)) {
        attempts += p.deliveryAttempts();
        bounces += p.bounces();
        complaints += p.complaints();
        rejects += p.rejects();
      }
    }
    ObjectNode t = Json.object();
    t.put("delivery_attempts", attempts);
    t.put("bounces", bounces);
    t.put("complaints", complaints);
    t.put("rejects", rejects);
    putRate(t, "bounce_rate_percent", bounces, attempts);
    putRate(t, "complaint_rate_percent", complaints, attempts);
    putRate(t, "reject_rate_percent", rejects, attempts);
    // a handful of sends must not read as a 100% bounce rate
    t.put("below_volume_floor", attempts < floor);
    return t;
  }

  private static void putRate(ObjectNode n, String field, long part, long total) {
    if (total == 0) {
      n.putNull(field);
    } else {
      n.put(field, round(100.0 * part / total));
    }
  }

  private ApiResponse reputation(Router.Call call) {
    Params.allowQuery(call.request());
    AccountConfig a = account(call);
    MonitoringConfig m = config.load().monitoring();
    SesAccount account = ses.apply(a);
    SesAccount.AccountStatus status = account.accountStatus();
    SesAccount.ReputationRates rates = account.reputation(clock.instant());
    ObjectNode body = head(a);
    body.put("enforcement_status", status.enforcementStatus());
    body.put("health", health(status.enforcementStatus()));
    body.put("sending_enabled", status.sendingEnabled());
    body.put("sandbox", !status.productionAccessEnabled());
    body.set("bounce", rate(rates.bounceRate(), rates.bounceAt(), m.bounceWarning(), m.bounceThreshold()));
    body.set("complaint", rate(rates.complaintRate(), rates.complaintAt(), m.complaintWarning(), m.complaintThreshold()));
    return ApiResponse.ok(body);
  }

  /** HEALTHY, PROBATION and SHUTDOWN are known; any other value is unknown, never healthy. */
  static String health(String enforcementStatus) {
    if (enforcementStatus == null) {
      return "UNKNOWN";
    }
    return switch (enforcementStatus) {
      case "HEALTHY" -> "OK";
      case "PROBATION" -> "WARNING";
      case "SHUTDOWN" -> "CRITICAL";
      default -> "UNKNOWN";
    };
  }

  private static ObjectNode rate(Double fraction, Instant at, double warningPercent, double thresholdPercent) {
    ObjectNode n = Json.object();
    n.put("warning_percent", warningPercent);
    n.put("threshold_percent", thresholdPercent);
    if (fraction == null) {
      n.putNull("rate_percent");
      n.put("level", "UNKNOWN");
      return n;
    }
    double percent = fraction * 100;
    n.put("rate_percent", round(percent));
    if (at != null) {
      n.put("as_of", at.toString());
    }
    n.put("level", percent >= thresholdPercent ? "CRITICAL" : percent >= warningPercent ? "WARNING" : "OK");
    return n;
  }

  // ---- monitor, audit, cleanup

  private ApiResponse monitor(Router.Call call) {
    Params.allowQuery(call.request(), "notify");
    boolean notify = Params.boolValue("notify", call.request().queryParam("notify"), true);
    AccountConfig a = account(call);
    return run(a, monitor.run(a, notify, deadline(), call.request().requestId()));
  }

  private ApiResponse audit(Router.Call call) {
    Params.allowQuery(call.request());
    AccountConfig a = account(call);
    return run(a, audit.run(a, deadline(), call.request().requestId()));
  }

  private ApiResponse suppressionCleanup(Router.Call call) {
    Params.allowQuery(call.request(), "dry_run");
    boolean dryRun = Params.boolValue("dry_run", call.request().queryParam("dry_run"), true);
    AccountConfig a = account(call);
    ApiResponse r = run(a, cleanup.run(a, dryRun, deadline(), call.request().requestId()));
    ((ObjectNode) r.body()).put("dry_run", dryRun);
    return r;
  }

  private static ApiResponse run(AccountConfig a, Runners.Result result) {
    ObjectNode body = head(a);
    body.put("level", result.level());
    body.set("report", Json.tree(result.report()));
    return ApiResponse.ok(body);
  }

  // ---- identities

  private ApiResponse identities(Router.Call call) {
    ApiRequest r = call.request();
    Params.allowQuery(r, "type", "limit", "next");
    String type = r.queryParam("type") == null ? null : Params.enumValue("type", r.queryParam("type"), Set.of("EMAIL", "DOMAIN"));
    int limit = Params.intValue("limit", r.queryParam("limit"), 1, 100, 100);
    String scope = "identities|" + call.param("account") + "|" + type;
    String token = PageToken.decode(scope, r.queryParam("next"));
    AccountConfig a = account(call);
    SesAccount account = ses.apply(a);
    SesAccount.IdentityKind kind = type == null ? null
        : type.equals("EMAIL") ? SesAccount.IdentityKind.EMAIL_ADDRESS : SesAccount.IdentityKind.DOMAIN;
    SesAccount.Page<String> page = account.identities(kind, token, limit);
    Map<String, SesAccount.Verification> v = page.items().isEmpty() ? Map.of() : account.verification(page.items());
    ObjectNode body = head(a);
    ArrayNode list = body.putArray("identities");
    for (String id : page.items()) {
      ObjectNode n = list.addObject();
      n.put("identity", id);
      n.put("type", id.contains("@") ? "email" : "domain");
      n.put("verification_status", v.containsKey(id) ? v.get(id).status() : "NotStarted");
    }
    body.put("next", PageToken.encode(scope, page.next()));
    return ApiResponse.ok(body);
  }

  private ApiResponse verifyIdentity(Router.Call call) {
    Params.allowQuery(call.request());
    JsonNode b = Params.body(call.request());
    String email = Params.text(b, "email", false);
    String domain = Params.text(b, "domain", false);
    if ((email == null) == (domain == null)) {
      throw new BadInputException("body", "give exactly one of email or domain");
    }
    AccountConfig a = account(call);
    SesAccount account = ses.apply(a);
    ObjectNode body = head(a);
    if (email != null) {
      String address = Params.address("body.email", email);
      account.verifyEmail(address);
      body.put("identity", address);
      body.put("type", "email");
      body.put("verification_status", "Pending");
      body.put("next_step", "open the verification email SES sent to this address and follow its link");
      return ApiResponse.of(202, body);
    }
    String d = Params.domain("body.domain", domain);
    SesAccount.DomainVerification dv = account.verifyDomain(d);
    body.put("identity", d);
    body.put("type", "domain");
    body.put("verification_status", "Pending");
    ArrayNode records = body.putArray("dns_records");
    ObjectNode txt = records.addObject();
    txt.put("type", "TXT");
    txt.put("name", "_amazonses." + d);
    txt.put("value", dv.verificationToken());
    addDkimRecords(records, d, dv.dkimTokens());
    body.put("next_step", "publish these DNS records; SES verifies the domain once it sees them");
    return ApiResponse.of(202, body);
  }

  private static void addDkimRecords(ArrayNode records, String domain, List<String> tokens) {
    if (tokens == null) {
      return;
    }
    for (String t : tokens) {
      ObjectNode c = records.addObject();
      c.put("type", "CNAME");
      c.put("name", t + "._domainkey." + domain);
      c.put("value", t + ".dkim.amazonses.com");
    }
  }

  private ApiResponse identity(Router.Call call) {
    Params.allowQuery(call.request());
    String id = Params.identity("identity", call.param("identity"));
    AccountConfig a = account(call);
    SesAccount account = ses.apply(a);
    SesAccount.Verification v = known(account.verification(List.of(id)), id);
    ObjectNode body = head(a);
    body.put("identity", id);
    body.put("type", id.contains("@") ? "email" : "domain");
    body.set("verification", Json.tree(v));
    SesAccount.Dkim dkim = account.dkim(List.of(id)).get(id);
    body.set("dkim", dkim == null ? Json.MAPPER.nullNode() : dkimNode(id, dkim));
    SesAccount.MailFrom mf = account.mailFrom(List.of(id)).get(id);
    body.set("mail_from", mf == null ? Json.MAPPER.nullNode() : Json.tree(mf));
    SesAccount.Notifications n = account.notifications(List.of(id)).get(id);
    body.set("notifications", n == null ? Json.MAPPER.nullNode() : Json.tree(n));
    return ApiResponse.ok(body);
  }

  private ApiResponse dkim(Router.Call call) {
    Params.allowQuery(call.request());
    String id = Params.identity("identity", call.param("identity"));
    AccountConfig a = account(call);
    SesAccount.Dkim dkim = known(ses.apply(a).dkim(List.of(id)), id);
    ObjectNode body = head(a);
    body.setAll(dkimNode(id, dkim));
    return ApiResponse.ok(body);
  }

  private ApiResponse enableDkim(Router.Call call) {
    Params.allowQuery(call.request());
    String id = Params.identity("identity", call.param("identity"));
    boolean enabled = Params.bool(Params.body(call.request()), "enabled");
    AccountConfig a = account(call);
    SesAccount account = ses.apply(a);
    known(account.verification(List.of(id)), id);
    account.setDkimEnabled(id, enabled);
    SesAccount.Dkim dkim = known(account.dkim(List.of(id)), id);
    ObjectNode body = head(a);
    body.setAll(dkimNode(id, dkim));
    return ApiResponse.ok(body);
  }

  private static ObjectNode dkimNode(String id, SesAccount.Dkim dkim) {
    ObjectNode n = Json.object();
    n.put("identity", id);
    n.put("enabled", dkim.enabled());
    n.put("status", dkim.status());
    n.set("tokens", Json.tree(dkim.tokens() == null ? List.of() : dkim.tokens()));
    if (!id.contains("@")) {
      addDkimRecords(n.putArray("dns_records"), id, dkim.tokens());
    }
    return n;
  }

  private ApiResponse notifications(Router.Call call) {
    Params.allowQuery(call.request());
    String id = Params.identity("identity", call.param("identity"));
    AccountConfig a = account(call);
    SesAccount account = ses.apply(a);
    known(account.verification(List.of(id)), id);
    SesAccount.Notifications n = known(account.notifications(List.of(id)), id);
    ObjectNode body = head(a);
    body.put("identity", id);
    body.setAll((ObjectNode) Json.tree(n));
    return ApiResponse.ok(body);
  }

  private static <T> T known(Map<String, T> map, String id) {
    T v = map.get(id);
    if (v == null) {
      throw new NotFoundException("identity " + (id.contains("@") ? AddressMask.mask(id) : id) + " is not known to SES in this account");
    }
    return v;
  }

  // ---- configuration sets

  private ApiResponse configurationSets(Router.Call call) {
    ApiRequest r = call.request();
    Params.allowQuery(r, "limit", "next");
    int limit = Params.intValue("limit", r.queryParam("limit"), 1, 1000, 100);
    String scope = "config-sets|" + call.param("account");
    String token = PageToken.decode(scope, r.queryParam("next"));
    AccountConfig a = account(call);
    SesAccount.Page<String> page = ses.apply(a).configurationSets(token, limit);
    ObjectNode body = head(a);
    body.set("configuration_sets", Json.tree(page.items()));
    body.put("next", PageToken.encode(scope, page.next()));
    return ApiResponse.ok(body);
  }

  // ---- suppression list

  private ApiResponse suppressed(Router.Call call) {
    ApiRequest r = call.request();
    Params.allowQuery(r, "reason", "from", "to", "limit", "next", "reveal");
    List<String> reasons = new ArrayList<>();
    if (r.queryParam("reason") != null) {
      for (String s : r.queryParam("reason").split(",", -1)) {
        String v = Params.enumValue("reason", s, REASONS);
        if (!reasons.contains(v)) {
          reasons.add(v);
        }
      }
    }
    Instant from = Params.instant("from", r.queryParam("from"));
    Instant to = Params.instant("to", r.queryParam("to"));
    if (from != null && to != null && from.isAfter(to)) {
      throw new BadInputException("from", "is after to");
    }
    int limit = Params.intValue("limit", r.queryParam("limit"), 1, 1000, 100);
    boolean reveal = Params.boolValue("reveal", r.queryParam("reveal"), false);
    String scope = "suppressed|" + call.param("account") + "|" + reasons + "|" + from + "|" + to;
    String token = PageToken.decode(scope, r.queryParam("next"));
    AccountConfig a = account(call);
    SesAccount.Page<SesAccount.Suppressed> page = ses.apply(a).suppressed(reasons, from, to, token, limit);
    ObjectNode body = head(a);
    ArrayNode list = body.putArray("entries");
    for (SesAccount.Suppressed s : page.items()) {
      ObjectNode n = list.addObject();
      n.put("email_address", reveal ? s.emailAddress() : AddressMask.mask(s.emailAddress()));
      n.put("reason", s.reason());
      n.put("last_update_time", s.lastUpdateTime() == null ? null : s.lastUpdateTime().toString());
    }
    body.put("next", PageToken.encode(scope, page.next()));
    return ApiResponse.ok(body);
  }

  private ApiResponse suppressionDetails(Router.Call call) {
    Params.allowQuery(call.request());
    String address = Params.address("email", call.param("email"));
    AccountConfig a = account(call);
    SesAccount.Suppressed s = ses.apply(a).suppressedDestination(address)
        .orElseThrow(() -> new NotFoundException(AddressMask.mask(address) + " is not on the suppression list"));
    ObjectNode body = head(a);
    body.put("email_address", AddressMask.mask(address));
    body.put("reason", s.reason());
    body.put("last_update_time", s.lastUpdateTime() == null ? null : s.lastUpdateTime().toString());
    body.put("message_id", s.messageId());
    body.put("feedback_id", s.feedbackId());
    return ApiResponse.ok(body);
  }

  private ApiResponse removeSuppression(Router.Call call) {
    Params.allowQuery(call.request());
    String address = Params.address("email", call.param("email"));
    AccountConfig a = account(call);
    if (!ses.apply(a).deleteSuppressed(address)) {
      throw new NotFoundException(AddressMask.mask(address) + " is not on the suppression list");
    }
    ObjectNode body = head(a);
    body.put("email_address", AddressMask.mask(address));
    body.put("removed", true);
    return ApiResponse.ok(body);
  }

  // ---- send-test

  private ApiResponse sendTest(Router.Call call) {
    Params.allowQuery(call.request());
    JsonNode b = Params.body(call.request());
    String from = Params.address("body.from", Params.text(b, "from", true));
    String to = Params.address("body.to", Params.text(b, "to", true));
    String subject = Params.text(b, "subject", false);
    String text = Params.text(b, "body", false);
    if (subject == null) {
      subject = "ses-ops test email";
    }
    if (subject.isBlank() || subject.length() > 998 || subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
      throw new BadInputException("body.subject", "must be 1-998 characters on one line");
    }
    if (text == null) {
      text = "This is a test email sent by ses-ops.";
    }
    if (text.length() > 20_000) {
      throw new BadInputException("body.body", "longer than 20000 characters");
    }
    AccountConfig a = account(call);
    SesOpsConfig cfg = config.load();
    String recipient = to.toLowerCase(Locale.ROOT);
    boolean allowed = SIMULATOR.contains(recipient)
        || cfg.testRecipients().stream().anyMatch(t -> t.equalsIgnoreCase(to));
    if (!allowed) {
      throw ApiException.forbidden("send-test sends only to the SES mailbox simulator and the configured test_recipients; "
          + AddressMask.mask(to) + " is neither");
    }
    SesAccount account = ses.apply(a);
    String covering = coveringIdentity(account, from);
    if (covering == null) {
      throw ApiException.forbidden("body.from: no verified identity of account " + a.name() + " covers this sender");
    }
    String messageId = account.sendEmail(from, to, subject, text);
    ObjectNode body = head(a);
    body.put("message_id", messageId);
    body.put("from", from);
    body.put("to", AddressMask.mask(to));
    body.put("sender_identity", covering);
    return ApiResponse.ok(body);
  }

  /** The verified identity (the address itself, else its domain) that lets this account send as {@code from}. */
  private static String coveringIdentity(SesAccount account, String from) {
    String domain = from.substring(from.lastIndexOf('@') + 1);
    Map<String, SesAccount.Verification> v = account.verification(List.of(from, domain));
    for (String id : List.of(from, domain)) {
      SesAccount.Verification x = v.get(id);
      if (x != null && "Success".equals(x.status())) {
        return id;
      }
    }
    return null;
  }

  // ---- debug

  private ApiResponse debug(Router.Call call) {
    ApiRequest r = call.request();
    Params.allowQuery(r, "from");
    String address = Params.address("email", call.param("email"));
    String from = r.queryParam("from") == null ? null : Params.address("from", r.queryParam("from"));
    AccountConfig a = account(call);
    SesAccount account = ses.apply(a);
    List<String> advice = new ArrayList<>();
    ObjectNode body = head(a);
    body.put("email_address", AddressMask.mask(address));

    ObjectNode sup = body.putObject("suppression");
    var entry = account.suppressedDestination(address);
    sup.put("suppressed", entry.isPresent());
    entry.ifPresent(s -> {
      sup.put("reason", s.reason());
      sup.put("last_update_time", s.lastUpdateTime() == null ? null : s.lastUpdateTime().toString());
      sup.put("message_id", s.messageId());
      sup.put("feedback_id", s.feedbackId());
      advice.add("the address is on the account's suppression list (" + s.reason() + "): SES drops mail to it. "
          + "If the cause is fixed, remove it: ses-ops remove-suppression " + a.name() + " ADDRESS");
    });

    String domain = address.substring(address.lastIndexOf('@') + 1);
    MxLookup.Result mxResult = mx.mx(domain);
    ObjectNode dom = body.putObject("recipient_domain");
    dom.put("domain", domain);
    dom.put("mx_status", mxResult.status());
    dom.set("mx_hosts", Json.tree(mxResult.hosts()));
    switch (mxResult.status()) {
      case "NXDOMAIN" -> advice.add("the recipient's domain does not exist: check the address for typos");
      case "NONE" -> advice.add("the recipient's domain has no MX records: mail to it will bounce");
      case "ERROR" -> advice.add("the MX lookup failed: try again, or check the domain's DNS");
      default -> { }
    }

    SesAccount.AccountStatus status = account.accountStatus();
    SesAccount.Quota quota = account.quota();
    ObjectNode health = body.putObject("account_health");
    health.put("enforcement_status", status.enforcementStatus());
    health.put("health", health(status.enforcementStatus()));
    health.put("sending_enabled", status.sendingEnabled());
    health.put("sandbox", !status.productionAccessEnabled());
    health.put("sent_last_24_hours", quota.sentLast24Hours());
    health.put("max_24_hour_send", quota.max24HourSend());
    if (!status.sendingEnabled()) {
      advice.add("sending is disabled for this account: nothing goes out until it is enabled again");
    }
    if (!"OK".equals(health(status.enforcementStatus()))) {
      advice.add("the account is not healthy (" + status.enforcementStatus() + "): check the reputation dashboard and any AWS notices");
    }
    if (quota.max24HourSend() >= 0 && quota.sentLast24Hours() >= quota.max24HourSend()) {
      advice.add("the 24-hour sending quota is used up: wait, or request a higher quota");
    }

    List<String> ids = new ArrayList<>();
    if (from != null) {
      ids.add(from);
      ids.add(from.substring(from.lastIndexOf('@') + 1));
    }
    boolean sandbox = !status.productionAccessEnabled();
    if (sandbox) {
      ids.add(address);
      ids.add(domain);
    }
    Map<String, SesAccount.Verification> v = ids.isEmpty() ? Map.of() : account.verification(List.copyOf(new java.util.LinkedHashSet<>(ids)));
    if (from != null) {
      ObjectNode sender = body.putObject("sender");
      sender.put("address", from);
      String covering = null;
      for (String id : List.of(from, from.substring(from.lastIndexOf('@') + 1))) {
        if (v.get(id) != null && "Success".equals(v.get(id).status())) {
          covering = id;
          break;
        }
      }
      sender.put("covered", covering != null);
      sender.put("covering_identity", covering);
      if (covering == null) {
        advice.add("no verified identity covers the sender: verify the address or its domain (ses-ops verify-domain " + a.name() + " DOMAIN)");
      }
    }
    if (sandbox) {
      boolean recipientVerified = (v.get(address) != null && "Success".equals(v.get(address).status()))
          || (v.get(domain) != null && "Success".equals(v.get(domain).status()))
          || SIMULATOR.contains(address.toLowerCase(Locale.ROOT));
      body.put("recipient_verified_for_sandbox", recipientVerified);
      if (!recipientVerified) {
        advice.add("the account is in the SES sandbox: it can send only to verified addresses and the mailbox simulator");
      }
    }
    if (advice.isEmpty()) {
      advice.add("nothing on the SES side stops mail to this address; check the recipient's spam folder and the sending logs");
    }
    body.set("advice", Json.tree(advice));
    return ApiResponse.ok(body);
  }

  // ---- helpers

  private Deadline deadline() {
    return Deadline.after(clock, runBudget.toMillis(), Duration.ZERO);
  }

  private AccountConfig account(Router.Call call) {
    return config.load().account(Params.account(call.param("account")));
  }

  private static ObjectNode head(AccountConfig a) {
    ObjectNode n = Json.object();
    n.put("account", a.name());
    n.put("region", a.region());
    return n;
  }

  private static double round(double d) {
    return Math.round(d * 1000.0) / 1000.0;
  }

  private static String safeMethod(String m) {
    return m != null && m.matches("[A-Z]{1,10}") ? m : "(invalid)";
  }

  /** The matched route's template for the log (never the raw path: it can hold an address). */
  private String routeName(ApiRequest request) {
    String path = request.path();
    if (path == null || !path.startsWith("/")) {
      return "(no route)";
    }
    List<String> segs;
    try {
      segs = Router.split(path);
    } catch (RuntimeException e) {
      return "(no route)";
    }
    for (Router.Route r : router.routes()) {
      List<String> t = r.segments();
      if (t.size() != segs.size()) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i < t.size() && ok; i++) {
        ok = t.get(i).startsWith("{") || t.get(i).equals(segs.get(i));
      }
      if (ok) {
        return r.template();
      }
    }
    return "(no route)";
  }
}
