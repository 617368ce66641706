package dev.sesops.wiring;

import dev.sesops.api.ApiHandler;
import dev.sesops.api.DnsMxLookup;
import dev.sesops.api.EventsRoutes;
import dev.sesops.api.SdkSesAccount;
import dev.sesops.api.ServiceRunners;
import dev.sesops.api.SesAccount;
import dev.sesops.api.SesOpsApi;
import dev.sesops.aws.AccountClients;
import dev.sesops.common.Lazy;
import dev.sesops.common.Settings;
import dev.sesops.config.AccountConfig;
import dev.sesops.events.EventDestinations;
import dev.sesops.ses.SesGateway;
import dev.sesops.signals.SdkSignalSource;
import dev.sesops.signals.TenantReader;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/** The API function's composition root: the Lambda handler. */
public final class ApiFunction extends ApiHandler {
  public ApiFunction() {
    super(api(Settings.fromEnv(System.getenv()), Clock.systemUTC()));
  }

  /** The API as deployed: API Gateway gives a call 29 s, so AWS calls get 24 s and runs 20 s. */
  public static SesOpsApi api(Settings settings, Clock clock) {
    return api(settings, clock, SesOpsApi.RUN_BUDGET);
  }

  /**
   * Config from the secret (or file), per-account SDK clients, paced SES calls, DNS, and the
   * monitor, audit and cleanup services; {@code runBudget} bounds a monitor, audit or cleanup run.
   */
  public static SesOpsApi api(Settings settings, Clock clock, Duration runBudget) {
    // outside a request's session (ApiSessions), member-account calls only read
    AccountClients clients = new AccountClients(settings, "api-read");
    // paced by the clients: one pacer per account and Region, shared with the monitor, audit and
    // cleanup
    Function<AccountConfig, SesAccount> ses = a -> new SdkSesAccount(SesGateway.of(clients, a));
    SesOpsApi api =
        new SesOpsApi(
            Parts.config(settings, clients),
            ses,
            new DnsMxLookup(settings.dnsServers()),
            ServiceRunners.monitor(
                Lazy.of(() -> MonitorFunction.monitor(settings, clients, clock))),
            ServiceRunners.audit(Lazy.of(() -> AuditFunction.auditor(settings, clients, clock))),
            ServiceRunners.cleanup(
                Lazy.of(() -> SuppressionCleanupFunction.cleanup(settings, clients, clock))),
            clock,
            runBudget,
            new EventsRoutes.Services(
                Lazy.of(() -> Parts.eventSources(settings, clients)),
                a -> new EventDestinations(SesGateway.of(clients, a))),
            new TenantReader(new SdkSignalSource(clients)),
            Lazy.of(() -> Parts.resumer(settings, clients, clock)),
            Lazy.of(() -> Parts.dmarcQuery(settings, clients, clock)),
            Lazy.of(() -> Parts.changeLog(settings, clients, clock)));
    // in Lambda, member-account sessions carry the caller's identity (ApiSessions)
    return Settings.inLambda() ? api.withCallerSourceIdentity() : api;
  }
}
