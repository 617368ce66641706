package dev.sesops.api;

import dev.sesops.aws.AccountClients;
import dev.sesops.common.Settings;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.ConfigSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every ses-helper command as an API route: validates the call, runs it against the account's SES
 * through {@link SesAccount}, and answers JSON. Errors go through {@link ApiErrors}. The routes live in
 * one class per group ({@link AccountRoutes}, {@link RunRoutes}, {@link IdentityRoutes},
 * {@link SuppressionRoutes}, {@link SendTestRoutes}, {@link DebugRoutes}); this class composes them.
 */
public final class SesOpsApi {
  private static final Logger LOG = LoggerFactory.getLogger(SesOpsApi.class);
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final Router router;

  SesOpsApi(ConfigSource config, Function<AccountConfig, SesAccount> ses, MxLookup mx, Runners.MonitorRunner monitor,
      Runners.AuditRunner audit, Runners.CleanupRunner cleanup, Clock clock, Duration runBudget) {
    this(config, ses, mx, monitor, audit, cleanup, clock, runBudget, null);
  }

  /** @param tenants reads tenants for the tenant routes (null: no tenant routes) */
  SesOpsApi(ConfigSource config, Function<AccountConfig, SesAccount> ses, MxLookup mx, Runners.MonitorRunner monitor,
      Runners.AuditRunner audit, Runners.CleanupRunner cleanup, Clock clock, Duration runBudget,
      dev.sesops.signals.TenantReader tenants) {
    ApiContext ctx = new ApiContext(config, ses, clock);
    List<Router.Route> routes = new ArrayList<>();
    // the order is the documented order of the routes; the Router matches by template, not by order
    routes.addAll(new AccountRoutes(ctx).routes());
    routes.addAll(new RunRoutes(ctx, monitor, audit, cleanup, runBudget).routes());
    routes.addAll(new IdentityRoutes(ctx).routes());
    routes.addAll(new SuppressionRoutes(ctx).routes());
    routes.addAll(new SendTestRoutes(ctx).routes());
    routes.addAll(new DebugRoutes(ctx, mx).routes());
    if (tenants != null) {
      routes.addAll(new TenantRoutes(ctx, tenants).routes());
    }
    this.router = new Router(routes);
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
    AccountClients clients = new AccountClients(settings.homeRegion(), settings.sesCallsPerSecond());
    // paced by the clients: one pacer per account and Region, shared with the monitor, audit and cleanup
    Function<AccountConfig, SesAccount> ses = a -> new SdkSesAccount(clients.ses(a), clients.sesV2(a), clients.cloudWatch(a));
    return new SesOpsApi(clients.configSource(settings), ses, new DnsMxLookup(settings.dnsServers()),
        ServiceRunners.monitor(settings, clients, clock), ServiceRunners.audit(settings, clients, clock),
        ServiceRunners.cleanup(settings, clients, clock), clock, runBudget,
        new dev.sesops.signals.TenantReader(new dev.sesops.signals.SdkSignalSource(clients)));
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
