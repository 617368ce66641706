package dev.sesops.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.AddressMask;
import dev.sesops.common.Settings;
import dev.sesops.config.AccountConfig;
import dev.sesops.protection.ActionRecord;
import dev.sesops.protection.ChangeLog;
import dev.sesops.protection.ProtectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every change route through the action log: who (the caller's principal ARN), what, the state
 * before, then the result. Logged before the change; when the log cannot be written the change is
 * not made (503). The resume route logs through protection's resumer itself.
 */
final class ChangeAudit {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeAudit.class);
  private static final String A = "/accounts/{account}";

  /**
   * What one change route logs: its action name, its target, and the state before (read from SES).
   */
  private interface Change {
    /** Null when this call changes nothing (a preview, a dry run). */
    String action(Router.Call call);

    String target(Router.Call call);

    Map<String, Object> before(Router.Call call, AccountConfig account);
  }

  private final ApiContext ctx;
  private final Supplier<ChangeLog> log;

  ChangeAudit(ApiContext ctx, Supplier<ChangeLog> log) {
    this.ctx = ctx;
    this.log = log;
  }

  List<Router.Route> wrap(List<Router.Route> routes) {
    List<Router.Route> out = new ArrayList<>();
    for (Router.Route r : routes) {
      Change c = change(r.method() + " " + r.template());
      out.add(
          c == null ? r : new Router.Route(r.method(), r.template(), call -> audited(r, c, call)));
    }
    return out;
  }

  private Change change(String route) {
    return switch (route) {
      case "DELETE " + A + "/suppressed/{email}" ->
          new Change() {
            public String action(Router.Call call) {
              return "suppression.delete";
            }

            public String target(Router.Call call) {
              return "suppressed:" + AddressMask.mask(Params.address("email", call.param("email")));
            }

            public Map<String, Object> before(Router.Call call, AccountConfig a) {
              return ctx.ses(a)
                  .suppressedDestination(Params.address("email", call.param("email")))
                  .<Map<String, Object>>map(
                      s ->
                          map(
                              "suppressed",
                              true,
                              "reason",
                              s.reason(),
                              "last_update_time",
                              String.valueOf(s.lastUpdateTime())))
                  .orElse(map("suppressed", false));
            }
          };
      case "PUT " + A + "/identities/{identity}/dkim" ->
          new Change() {
            public String action(Router.Call call) {
              return "dkim.switch";
            }

            public String target(Router.Call call) {
              return "identity:" + identity(call.param("identity"));
            }

            public Map<String, Object> before(Router.Call call, AccountConfig a) {
              String id = Params.identity("identity", call.param("identity"));
              var dkim = ctx.ses(a).dkim(List.of(id)).get(id);
              return dkim == null
                  ? map("known", false)
                  : map(
                      "dkim_enabled",
                      Boolean.TRUE.equals(dkim.enabled()),
                      "dkim_status",
                      dkim.status());
            }
          };
      case "POST " + A + "/identities" ->
          new Change() {
            public String action(Router.Call call) {
              return "identity.verify";
            }

            public String target(Router.Call call) {
              return "identity:" + identity(bodyIdentity(call));
            }

            public Map<String, Object> before(Router.Call call, AccountConfig a) {
              String id = bodyIdentity(call);
              var v = id == null ? null : ctx.ses(a).verification(List.of(id)).get(id);
              return v == null
                  ? map("known", false)
                  : map("known", true, "verification_status", v.status());
            }
          };
      case "POST " + A + "/config-sets/{name}/event-destination" ->
          new Change() {
            public String action(Router.Call call) {
              // without apply=true the route only shows the plan
              if (!"true".equals(call.request().queryParam("apply"))) {
                return null;
              }
              return "true".equals(call.request().queryParam("remove"))
                  ? "event-destination.remove"
                  : "event-destination.apply";
            }

            public String target(Router.Call call) {
              return "configuration-set:" + call.param("name");
            }

            public Map<String, Object> before(Router.Call call, AccountConfig a) {
              return map();
            }
          };
      case "POST " + A + "/suppression-cleanup" ->
          new Change() {
            public String action(Router.Call call) {
              return "false".equals(call.request().queryParam("dry_run")) ? "cleanup.run" : null;
            }

            public String target(Router.Call call) {
              return "suppression-list";
            }

            public Map<String, Object> before(Router.Call call, AccountConfig a) {
              return map(
                  "config_dry_run",
                  a.suppressionCleanup().dryRun(),
                  "allow_api_override",
                  a.suppressionCleanup().allowApiOverride());
            }
          };
      default -> null;
    };
  }

  private ApiResponse audited(Router.Route route, Change change, Router.Call call) {
    String action = change.action(call);
    if (action == null || log == null) {
      return route.action().apply(call);
    }
    AccountConfig account = ctx.account(call);
    String target = change.target(call);
    Map<String, Object> before;
    try {
      before = change.before(call, account);
    } catch (RuntimeException e) {
      // a state that cannot be read is logged as such; the route itself decides whether to go on
      before = map("not_read", e.getClass().getSimpleName());
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("route", route.method() + " " + route.template());
    params.put("caller", call.request().who());
    call.request().query().forEach((k, v) -> params.put(k, String.join(",", v)));
    ChangeLog changes;
    ActionRecord pending;
    try {
      changes = log.get();
      pending =
          changes.begin(
              account.name(),
              action,
              target,
              call.request().who(),
              call.request().requestId(),
              params,
              before);
    } catch (ProtectionException | Settings.MissingSettingException e) {
      LOG.warn(
          "request {}: {} not made: the action log is unavailable ({})",
          call.request().requestId(),
          action,
          e.getMessage());
      throw new ApiException(
          503,
          "action_log_unavailable",
          "the change was not made: it could not be written to the action log first");
    }
    ApiResponse response;
    try {
      response = route.action().apply(call);
    } catch (RuntimeException e) {
      changes.end(pending, false, "failed: " + e.getClass().getSimpleName());
      throw e;
    }
    changes.end(pending, response.status() < 400, "HTTP " + response.status());
    return response;
  }

  private static String bodyIdentity(Router.Call call) {
    JsonNode b = Params.body(call.request());
    String email = Params.text(b, "email", false);
    return email != null ? email : Params.text(b, "domain", false);
  }

  private static String identity(String id) {
    return id != null && id.contains("@") ? AddressMask.mask(id) : id;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
