package dev.sesops.api;

import dev.sesops.aws.AccountClients;
import dev.sesops.aws.CallDeadline;
import dev.sesops.common.Deadline;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import dev.sesops.events.EventDestinations;
import dev.sesops.events.Events;
import dev.sesops.protection.ChangeLog;
import dev.sesops.protection.Protection;
import dev.sesops.protection.Resumer;
import dev.sesops.reports.DmarcQuery;
import dev.sesops.reports.Reports;
import dev.sesops.ses.SesGateway;
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
  static final Duration RUN_BUDGET = Duration.ofSeconds(20);

  static final Duration CALL_MARGIN = Duration.ofSeconds(4);

  private final Router router;
  private final Clock clock;
  private final Duration callBudget;

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

  /** The API as deployed: API Gateway gives a call 29 s, so AWS calls get 24 s and runs 20 s. */
  public static SesOpsApi create(Settings settings, Clock clock) {
    return create(settings, clock, RUN_BUDGET);
  }

  /**
   * Config from the secret (or file), per-account SDK clients, paced SES calls, DNS, and the
   * monitor, audit and cleanup services; {@code runBudget} bounds a monitor, audit or cleanup run.
   */
  public static SesOpsApi create(Settings settings, Clock clock, Duration runBudget) {
    AccountClients clients = new AccountClients(settings, "api");
    // paced by the clients: one pacer per account and Region, shared with the monitor, audit and
    // cleanup
    Function<AccountConfig, SesAccount> ses = a -> new SdkSesAccount(SesGateway.of(clients, a));
    return new SesOpsApi(
        clients.configSource(settings),
        ses,
        new DnsMxLookup(settings.dnsServers()),
        ServiceRunners.monitor(settings, clients, clock),
        ServiceRunners.audit(settings, clients, clock),
        ServiceRunners.cleanup(settings, clients, clock),
        clock,
        runBudget,
        new EventsRoutes.Services(
            Lazy.of(() -> Events.sources(settings, clients)),
            a -> new EventDestinations(SesGateway.of(clients, a))),
        new TenantReader(new dev.sesops.signals.SdkSignalSource(clients)),
        Lazy.of(() -> Protection.resumer(settings, clients, clock)),
        Lazy.of(() -> Reports.query(settings, clients, clock)),
        Lazy.of(() -> Protection.changeLog(settings, clients, clock)));
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
              () -> router.dispatch(request));
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
