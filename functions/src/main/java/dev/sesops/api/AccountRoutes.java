package dev.sesops.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.MonitoringConfig;
import dev.sesops.core.Level;
import dev.sesops.monitor.Judgement;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.Page;
import dev.sesops.ses.Quota;
import dev.sesops.ses.Reputation;
import dev.sesops.ses.SendPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Accounts, quota, send statistics, reputation and configuration sets. */
final class AccountRoutes {
  private final ApiContext ctx;

  AccountRoutes(ApiContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  List<Router.Route> routes() {
    String a = "/accounts/{account}";
    return List.of(
        new Router.Route("GET", "/accounts", this::accounts),
        new Router.Route("GET", a + "/quota", this::quota),
        new Router.Route("GET", a + "/stats", this::stats),
        new Router.Route("GET", a + "/reputation", this::reputation),
        new Router.Route("GET", a + "/configuration-sets", this::configurationSets));
  }

  private ApiResponse accounts(Router.Call call) {
    Params.allowQuery(call.request());
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (AccountConfig a : ctx.config().accounts().values()) {
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
    AccountConfig a = ctx.account(call);
    Quota q = ctx.ses(a).quota();
    ObjectNode body = ApiContext.head(a);
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
      body.put(
          "used_percent",
          q.max24HourSend() == 0
              ? 100.0
              : ApiContext.round(100 * q.sentLast24Hours() / q.max24HourSend()));
    }
    // the monitor's verdict on the day's use, against monitoring.daily_send_limit_warning /
    // _critical
    body.put(
        "level",
        Judgement.of(ctx.config().monitoring())
            .quota(q.max24HourSend(), q.maxSendRate(), q.sentLast24Hours())
            .name());
    return ApiResponse.ok(body);
  }

  private ApiResponse stats(Router.Call call) {
    Params.allowQuery(call.request());
    AccountConfig a = ctx.account(call);
    MonitoringConfig m = ctx.config().monitoring();
    List<SendPoint> points = new ArrayList<>(ctx.ses(a).sendStatistics());
    points.sort(Comparator.comparing(SendPoint::timestamp));
    Instant now = ctx.clock().instant();
    ObjectNode body = ApiContext.head(a);
    body.set("last_24_hours", totals(points, now.minus(Duration.ofHours(24)), m.volumeFloor()));
    body.set("last_14_days", totals(points, now.minus(Duration.ofDays(14)), m.volumeFloor()));
    body.set("data_points", Json.tree(points));
    return ApiResponse.ok(body);
  }

  private static ObjectNode totals(List<SendPoint> points, Instant since, long floor) {
    long attempts = 0;
    long bounces = 0;
    long complaints = 0;
    long rejects = 0;
    for (SendPoint p : points) {
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
      n.put(field, ApiContext.round(100.0 * part / total));
    }
  }

  private ApiResponse reputation(Router.Call call) {
    Params.allowQuery(call.request());
    AccountConfig a = ctx.account(call);
    MonitoringConfig m = ctx.config().monitoring();
    SesAccount account = ctx.ses(a);
    AccountStatus status = account.accountStatus();
    Reputation rates = account.reputation(ctx.clock().instant());
    ObjectNode body = ApiContext.head(a);
    body.put("enforcement_status", status.enforcementStatus());
    Judgement judge = Judgement.of(m);
    Instant now = ctx.clock().instant();
    body.put("health", judge.enforcement(status.enforcementStatus()).name());
    body.put("sending_enabled", status.sending());
    body.put("sandbox", !status.production());
    body.set(
        "bounce",
        rate(
            rates.bounce().value(),
            rates.bounce().timestamp(),
            m.bounceWarning(),
            m.bounceThreshold(),
            judge.bounce(rates.bounce().value(), rates.bounce().timestamp(), now)));
    body.set(
        "complaint",
        rate(
            rates.complaint().value(),
            rates.complaint().timestamp(),
            m.complaintWarning(),
            m.complaintThreshold(),
            judge.complaint(rates.complaint().value(), rates.complaint().timestamp(), now)));
    return ApiResponse.ok(body);
  }

  /**
   * The monitor's verdict on an enforcement status (PROBATION is CRITICAL); unknown values are
   * never healthy.
   */
  static String health(MonitoringConfig m, String enforcementStatus) {
    return Judgement.of(m).enforcement(enforcementStatus).name();
  }

  private static ObjectNode rate(
      Double fraction, Instant at, double warningPercent, double thresholdPercent, Level level) {
    ObjectNode n = Json.object();
    n.put("warning_percent", warningPercent);
    n.put("threshold_percent", thresholdPercent);
    if (fraction == null) {
      n.putNull("rate_percent");
      n.put("level", level.name());
      return n;
    }
    double percent = fraction * 100;
    n.put("rate_percent", ApiContext.round(percent));
    if (at != null) {
      n.put("as_of", at.toString());
    }
    n.put("level", level.name());
    return n;
  }

  private ApiResponse configurationSets(Router.Call call) {
    ApiRequest r = call.request();
    Params.allowQuery(r, "limit", "next");
    int limit = Params.intValue("limit", r.queryParam("limit"), 1, 1000, 100);
    String scope = "config-sets|" + call.param("account");
    String token = PageToken.decode(scope, r.queryParam("next"));
    AccountConfig a = ctx.account(call);
    Page<String> page = ctx.ses(a).configurationSets(token, limit);
    ObjectNode body = ApiContext.head(a);
    body.set("configuration_sets", Json.tree(page.items()));
    body.put("next", PageToken.encode(scope, page.next()));
    return ApiResponse.ok(body);
  }
}
