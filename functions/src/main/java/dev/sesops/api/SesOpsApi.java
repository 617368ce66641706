package dev.sesops.api;

import dev.sesops.aws.CallDeadline;
import dev.sesops.aws.MemberSession;
import dev.sesops.common.Deadline;
import dev.sesops.common.Settings;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import dev.sesops.protection.ChangeLog;
import dev.sesops.protection.Resumer;
import dev.sesops.reports.DmarcQuery;
import dev.sesops.signals.TenantReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every ses-helper command as an API route: validates the call, runs it against the account's SES
 * through {@link SesAccount}, and answers JSON. Errors go through {@link ApiErrors}. The routes
 * live in one class per group ({@link AccountRoutes}, {@link RunRoutes}, {@link IdentityRoutes},
 * {@link SuppressionRoutes}, {@link SendTestRoutes}, {@link DebugRoutes}); this class composes
 * them.
 */
public final class SesOpsApi {
  private static final Logger LOG = LoggerFactory.getLogger(SesOpsApi.class);
  static final int MAX_BODY_BYTES = 64 * 1024;

  /**
   * API Gateway cuts an integration at 29 s; every answer leaves by 26 s: a monitor, audit or
   * cleanup run gets 20 s, and every AWS call of a request ends by the run budget plus 4 s (24 s).
   */
  public static final Duration RUN_BUDGET = Duration.ofSeconds(20);

  static final Duration CALL_MARGIN = Duration.ofSeconds(4);

  private final Router router;
  private final Clock clock;
  private final Duration callBudget;

  /**
   * Whether member-account sessions carry the caller's identity ({@link ApiSessions}): on in
   * Lambda.
   */
  private boolean callerSourceIdentity;

  SesOpsApi(
      ConfigSource config,
      Function<AccountConfig, SesAccount> ses,
      MxLookup mx,
      Runners.MonitorRunner monitor,
      Runners.AuditRunner audit,
      Runners.CleanupRunner cleanup,
      Clock clock,
      Duration runBudget) {
    this(
        config,
        ses,
        mx,
        monitor,
        audit,
        cleanup,
        clock,
        runBudget,
        EventsRoutes.Services.unavailable(),
        null);
  }

  SesOpsApi(
      ConfigSource config,
      Function<AccountConfig, SesAccount> ses,
      MxLookup mx,
      Runners.MonitorRunner monitor,
      Runners.AuditRunner audit,
      Runners.CleanupRunner cleanup,
      Clock clock,
      Duration runBudget,
      EventsRoutes.Services events) {
    this(config, ses, mx, monitor, audit, cleanup, clock, runBudget, events, null);
  }

  /**
   * @param tenants reads tenants for the tenant routes (null: no tenant routes)
   */
  SesOpsApi(
      ConfigSource config,
      Function<AccountConfig, SesAccount> ses,
      MxLookup mx,
      Runners.MonitorRunner monitor,
      Runners.AuditRunner audit,
      Runners.CleanupRunner cleanup,
      Clock clock,
      Duration runBudget,
      EventsRoutes.Services events,
      TenantReader tenants) {
    this(
        config,
        ses,
        mx,
        monitor,
        audit,
        cleanup,
        clock,
        runBudget,
        events,
        tenants,
        () -> {
          throw new Settings.MissingSettingException(
              "SES_OPS_STATE_TABLE (protection is not wired here)");
        });
  }

  SesOpsApi(
      ConfigSource config,
      Function<AccountConfig, SesAccount> ses,
      MxLookup mx,
      Runners.MonitorRunner monitor,
      Runners.AuditRunner audit,
      Runners.CleanupRunner cleanup,
      Clock clock,
      Duration runBudget,
      EventsRoutes.Services events,
      TenantReader tenants,
      Supplier<Resumer> resumer) {
    this(
        config,
        ses,
        mx,
        monitor,
        audit,
        cleanup,
        clock,
        runBudget,
        events,
        tenants,
        resumer,
        DmarcRoutes.unavailable());
  }

  /**
   * @param dmarc the DMARC reports' read side (issue 24)
   */
  SesOpsApi(
      ConfigSource config,
      Function<AccountConfig, SesAccount> ses,
      MxLookup mx,
      Runners.MonitorRunner monitor,
      Runners.AuditRunner audit,
      Runners.CleanupRunner cleanup,
      Clock clock,
      Duration runBudget,
      EventsRoutes.Services events,
      TenantReader tenants,
      Supplier<Resumer> resumer,
      Supplier<DmarcQuery> dmarc) {
    this(
        config, ses, mx, monitor, audit, cleanup, clock, runBudget, events, tenants, resumer, dmarc,
        null);
  }

  /**
   * @param changes the action log every change route writes to first (null: not wired, as in route
   *     tests)
   */
  /** The API with every collaborator its composition root ({@code wiring.ApiFunction}) built. */
  public SesOpsApi(
      ConfigSource config,
      Function<AccountConfig, SesAccount> ses,
      MxLookup mx,
      Runners.MonitorRunner monitor,
      Runners.AuditRunner audit,
      Runners.CleanupRunner cleanup,
      Clock clock,
      Duration runBudget,
      EventsRoutes.Services events,
      TenantReader tenants,
      Supplier<Resumer> resumer,
      Supplier<DmarcQuery> dmarc,
      Supplier<ChangeLog> changes) {
    ApiContext ctx = new ApiContext(config, ses, clock);
    this.clock = clock;
    this.callBudget = runBudget.plus(CALL_MARGIN);
    List<Router.Route> routes = new ArrayList<>();
    // the order is the documented order of the routes; the Router matches by template, not by order
    routes.addAll(new AccountRoutes(ctx).routes());
    routes.addAll(new RunRoutes(ctx, monitor, audit, cleanup, runBudget).routes());
    routes.addAll(new IdentityRoutes(ctx).routes());
    routes.addAll(new SuppressionRoutes(ctx).routes());
    routes.addAll(new SendTestRoutes(ctx).routes());
    routes.addAll(new DebugRoutes(ctx, mx).routes());
    routes.addAll(new EventsRoutes(ctx, events).routes());
    if (tenants != null) {
      routes.addAll(new TenantRoutes(ctx, tenants).routes());
    }
    routes.addAll(new ProtectionRoutes(config, resumer).routes());
    routes.addAll(new DmarcRoutes(dmarc).routes());
    this.router = new Router(new ChangeAudit(ctx, changes).wrap(routes));
  }

  /** Member-account sessions carry the caller's identity ({@link ApiSessions}). */
  public SesOpsApi withCallerSourceIdentity() {
    this.callerSourceIdentity = true;
    return this;
  }

  Router router() {
    return router;
  }

  /** Answers one call; never throws. */
  public ApiResponse handle(ApiRequest request) {
    long start = System.nanoTime();
    ApiResponse response;
    try {
      if (request.body() != null
          && request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
              > MAX_BODY_BYTES) {
        throw new ApiException(413, "payload_too_large", "the body is larger than 64 KB");
      }
      // every AWS call this request makes ends by the call budget; a late one is a JSON 504, not a
      // bare one
      response =
          CallDeadline.within(
              Deadline.after(clock, callBudget.toMillis(), Duration.ZERO),
              () ->
                  MemberSession.within(
                      ApiSessions.forRequest(request, callerSourceIdentity),
                      () -> router.dispatch(request)));
    } catch (RuntimeException e) {
      response = ApiErrors.toResponse(e, request.requestId());
    }
    LOG.info(
        "{} {} -> {} in {} ms (request {})",
        safeMethod(request.method()),
        routeName(request),
        response.status(),
        (System.nanoTime() - start) / 1_000_000,
        request.requestId());
    return response;
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
