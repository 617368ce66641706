package dev.sesops.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import dev.sesops.core.ScopeKind;
import dev.sesops.core.Window;
import dev.sesops.events.EventDestinations;
import dev.sesops.events.Sources;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The events function's read side and setup: {@code GET .../sources} (the worst scopes over 1 h or
 * 24 h) and {@code POST .../config-sets/{name}/event-destination} (connect a configuration set, dry
 * run unless {@code apply=true}; {@code remove=true} undoes it).
 */
public final class EventsRoutes {
  private static final Pattern CONFIG_SET = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** What the routes need; built lazily so the other routes run without the state table. */
  public record Services(
      Supplier<Sources> sources, Function<AccountConfig, EventDestinations> destinations) {
    static Services unavailable() {
      Supplier<Sources> none =
          () -> {
            throw new ApiException(
                503,
                "events_unavailable",
                "the events counters are not configured (SES_OPS_STATE_TABLE)");
          };
      return new Services(
          none,
          a -> {
            throw new ApiException(503, "events_unavailable", "SES v2 is not configured");
          });
    }
  }

  private final ApiContext ctx;
  private final Services services;

  EventsRoutes(ApiContext ctx, Services services) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.services = Objects.requireNonNull(services, "services");
  }

  List<Router.Route> routes() {
    String a = "/accounts/{account}";
    return List.of(
        new Router.Route("GET", a + "/sources", this::sources),
        new Router.Route("POST", a + "/config-sets/{name}/event-destination", this::connect));
  }

  private ApiResponse sources(Router.Call call) {
    Params.allowQuery(call.request(), "by", "window", "limit");
    ScopeKind kind = Sources.kind(call.request().queryParam("by"));
    Window window = Sources.window(call.request().queryParam("window"));
    int limit = Params.intValue("limit", call.request().queryParam("limit"), 1, 500, 20);
    AccountConfig a = ctx.account(call);
    Sources.Top top =
        services
            .sources()
            .get()
            .top(
                a.name(),
                kind,
                window,
                ctx.config().monitoring().scopes(),
                limit,
                ctx.clock().instant());
    ObjectNode body = ApiContext.head(a);
    body.setAll((ObjectNode) Json.tree(top));
    body.put("account", a.name());
    return ApiResponse.ok(body);
  }

  private ApiResponse connect(Router.Call call) {
    Params.allowQuery(call.request(), "apply", "remove", "event_bus");
    String cs = call.param("name");
    if (cs == null || !CONFIG_SET.matcher(cs).matches()) {
      throw new BadInputException(
          "name", "a configuration set name is 1-64 letters, digits, - and _");
    }
    boolean apply = Params.boolValue("apply", call.request().queryParam("apply"), false);
    boolean remove = Params.boolValue("remove", call.request().queryParam("remove"), false);
    AccountConfig a = ctx.account(call);
    EventDestinations d = services.destinations().apply(a);
    Map<String, Object> result;
    if (remove) {
      result = d.disconnect(a.name(), cs, apply);
    } else {
      String bus = call.request().queryParam("event_bus");
      if (bus == null) {
        if (a.awsAccountId() == null) {
          throw new BadInputException(
              "event_bus",
              "the account has no aws_account_id in the config: give the default bus ARN");
        }
        bus = EventDestinations.defaultBus(a.region(), a.awsAccountId());
      } else if (!bus.matches("arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/default")) {
        throw new BadInputException(
            "event_bus",
            "SES publishes only to an account's default bus (arn:aws:events:REGION:ACCOUNT:event-bus/default)");
      }
      result = d.connect(a.name(), cs, bus, apply);
    }
    ObjectNode body = ApiContext.head(a);
    body.put("dry_run", !apply);
    body.setAll((ObjectNode) Json.tree(result));
    return ApiResponse.ok(body);
  }
}
