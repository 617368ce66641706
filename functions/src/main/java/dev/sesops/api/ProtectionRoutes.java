package dev.sesops.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import dev.sesops.core.Scope;
import dev.sesops.protection.ActionRecord;
import dev.sesops.protection.ResumeRefusedException;
import dev.sesops.protection.Resumer;
import dev.sesops.protection.ScopeControlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Protection's routes: {@code POST /accounts/{account}/resume} (the body names one scope) and
 * {@code GET /accounts/{account}/actions} (the action log, newest first). A resume ses-ops will not
 * do is 409 with what to do instead.
 */
final class ProtectionRoutes {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final ConfigSource config;
  private final Supplier<Resumer> resumer;

  ProtectionRoutes(ConfigSource config, Supplier<Resumer> resumer) {
    this.config = Objects.requireNonNull(config, "config");
    this.resumer = Objects.requireNonNull(resumer, "resumer");
  }

  List<Router.Route> routes() {
    String a = "/accounts/{account}";
    return List.of(
        new Router.Route("POST", a + "/resume", this::resume),
        new Router.Route("GET", a + "/actions", this::actions));
  }

  private AccountConfig account(Router.Call call) {
    return config.load().account(Params.account(call.param("account")));
  }

  private ApiResponse resume(Router.Call call) {
    Params.allowQuery(call.request());
    Scope scope = scope(Params.body(call.request()));
    AccountConfig a = account(call);
    ActionRecord done;
    try {
      done = resumer.get().resume(a, scope, call.request().who());
    } catch (ResumeRefusedException e) {
      throw new ApiException(409, "not_paused_by_ses_ops", e.getMessage());
    } catch (ScopeControlException e) {
      throw new ApiException(
          502, "ses_refused", e.getMessage() + "; still paused, the action log says not done");
    }
    ObjectNode body = head(a);
    body.put("resumed", scope.key());
    body.set("action", Json.tree(done));
    return ApiResponse.ok(body);
  }

  private ApiResponse actions(Router.Call call) {
    Params.allowQuery(call.request(), "limit");
    int limit = Params.intValue("limit", call.request().queryParam("limit"), 1, 500, 50);
    AccountConfig a = account(call);
    ObjectNode body = head(a);
    body.set("actions", Json.tree(resumer.get().actions(a, limit)));
    return ApiResponse.ok(body);
  }

  /** Exactly one of {@code configuration_set}, {@code tenant} or {@code "account": true}. */
  static Scope scope(JsonNode body) {
    List<Scope> named = new ArrayList<>();
    String cs = Params.text(body, "configuration_set", false);
    if (cs != null) {
      named.add(Scope.configurationSet(name("configuration_set", cs)));
    }
    String tenant = Params.text(body, "tenant", false);
    if (tenant != null) {
      named.add(Scope.tenant(name("tenant", tenant)));
    }
    if (body.has("account") && !body.get("account").isNull()) {
      if (!Params.bool(body, "account")) {
        throw new BadInputException("body.account", "only true names the account");
      }
      named.add(Scope.account());
    }
    if (named.size() != 1) {
      throw new BadInputException(
          "body",
          "name exactly one scope: {\"configuration_set\": NAME}, {\"tenant\": NAME} or {\"account\": true}");
    }
    return named.get(0);
  }

  private static String name(String field, String value) {
    if (!NAME.matcher(value).matches()) {
      throw new BadInputException(
          "body." + field, "expected a name of 1-64 letters, digits, '.', '_' or '-'");
    }
    return value;
  }

  private static ObjectNode head(AccountConfig a) {
    ObjectNode n = Json.object();
    n.put("account", a.name());
    n.put("region", a.region());
    return n;
  }
}
