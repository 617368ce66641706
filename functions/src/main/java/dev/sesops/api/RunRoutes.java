package dev.sesops.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runs the monitor, the audit and the suppression cleanup for one account, bounded by the API's run
 * budget.
 */
final class RunRoutes {
  private final ApiContext ctx;
  private final Runners.MonitorRunner monitor;
  private final Runners.AuditRunner audit;
  private final Runners.CleanupRunner cleanup;
  private final Duration runBudget;

  RunRoutes(
      ApiContext ctx,
      Runners.MonitorRunner monitor,
      Runners.AuditRunner audit,
      Runners.CleanupRunner cleanup,
      Duration runBudget) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
    this.runBudget = Objects.requireNonNull(runBudget, "runBudget");
  }

  List<Router.Route> routes() {
    String a = "/accounts/{account}";
    return List.of(
        new Router.Route("POST", a + "/monitor", this::monitor),
        new Router.Route("POST", a + "/audit", this::audit),
        new Router.Route("POST", a + "/suppression-cleanup", this::suppressionCleanup));
  }

  private ApiResponse monitor(Router.Call call) {
    Params.allowQuery(call.request(), "notify");
    boolean notify = Params.boolValue("notify", call.request().queryParam("notify"), true);
    AccountConfig a = ctx.account(call);
    return run(a, monitor.run(a, notify, deadline(), call.request().requestId()));
  }

  private ApiResponse audit(Router.Call call) {
    Params.allowQuery(call.request());
    AccountConfig a = ctx.account(call);
    return run(a, audit.run(a, deadline(), call.request().requestId()));
  }

  private ApiResponse suppressionCleanup(Router.Call call) {
    Params.allowQuery(call.request(), "dry_run");
    boolean dryRun = Params.boolValue("dry_run", call.request().queryParam("dry_run"), true);
    AccountConfig a = ctx.account(call);
    if (!dryRun && a.suppressionCleanup().dryRun() && !a.suppressionCleanup().allowApiOverride()) {
      throw new ApiException(
          403,
          "dry_run_by_config",
          "the config says suppression_cleanup.dry_run: true for account "
              + a.name()
              + "; a real cleanup through the API needs suppression_cleanup.allow_api_override: true (or dry_run: false in the config)");
    }
    ApiResponse r = run(a, cleanup.run(a, dryRun, deadline(), call.request().requestId()));
    ((ObjectNode) r.body()).put("dry_run", dryRun);
    return r;
  }

  private static ApiResponse run(AccountConfig a, Runners.Result result) {
    ObjectNode body = ApiContext.head(a);
    body.put("level", result.level());
    if (result.reason() != null) {
      body.put("reason", result.reason());
    }
    body.set("report", Json.tree(result.report()));
    return ApiResponse.ok(body);
  }

  private Deadline deadline() {
    return Deadline.after(ctx.clock(), runBudget.toMillis(), Duration.ZERO);
  }
}
