package dev.sesops.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.AddressMask;
import dev.sesops.common.Json;
import dev.sesops.config.AccountConfig;
import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.Quota;
import dev.sesops.ses.SesGateway;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Diagnoses why mail to one address may not arrive. */
final class DebugRoutes {
  private final ApiContext ctx;
  private final MxLookup mx;

  DebugRoutes(ApiContext ctx, MxLookup mx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.mx = Objects.requireNonNull(mx, "mx");
  }

  List<Router.Route> routes() {
    String a = "/accounts/{account}";
    return List.of(new Router.Route("GET", a + "/debug/{email}", this::debug));
  }

  private ApiResponse debug(Router.Call call) {
    ApiRequest r = call.request();
    Params.allowQuery(r, "from");
    String address = Params.address("email", call.param("email"));
    String from =
        r.queryParam("from") == null ? null : Params.address("from", r.queryParam("from"));
    AccountConfig a = ctx.account(call);
    SesAccount account = ctx.ses(a);
    var entry = account.suppressedDestination(address);
    String domain = Diagnosis.domainOf(address);
    MxLookup.Result mxResult = mx.mx(domain);
    AccountStatus status = account.accountStatus();
    Quota quota = account.quota();
    boolean sandbox = !status.production();
    List<String> ids = Diagnosis.identitiesToCheck(address, from, sandbox);
    Map<String, SesGateway.Verification> v = ids.isEmpty() ? Map.of() : account.verification(ids);
    String health = AccountRoutes.health(ctx.config().monitoring(), status.enforcementStatus());
    Diagnosis d =
        Diagnosis.of(
            new Diagnosis.Facts(
                a.name(), address, from, entry, mxResult, status, health, quota, v));

    ObjectNode body = ApiContext.head(a);
    body.put("email_address", AddressMask.mask(address));
    ObjectNode sup = body.putObject("suppression");
    sup.put("suppressed", entry.isPresent());
    entry.ifPresent(
        s -> {
          sup.put("reason", s.reason());
          sup.put(
              "last_update_time",
              s.lastUpdateTime() == null ? null : s.lastUpdateTime().toString());
          sup.put("message_id", s.messageId());
          sup.put("feedback_id", s.feedbackId());
        });
    ObjectNode dom = body.putObject("recipient_domain");
    dom.put("domain", domain);
    dom.put("mx_status", mxResult.status());
    dom.set("mx_hosts", Json.tree(mxResult.hosts()));
    ObjectNode h = body.putObject("account_health");
    h.put("enforcement_status", status.enforcementStatus());
    h.put("health", health);
    h.put("sending_enabled", status.sending());
    h.put("sandbox", sandbox);
    h.put("sent_last_24_hours", quota.sentLast24Hours());
    h.put("max_24_hour_send", quota.max24HourSend());
    if (from != null) {
      ObjectNode sender = body.putObject("sender");
      sender.put("address", from);
      sender.put("covered", d.coveringIdentity() != null);
      sender.put("covering_identity", d.coveringIdentity());
    }
    if (d.recipientVerifiedForSandbox() != null) {
      body.put("recipient_verified_for_sandbox", d.recipientVerifiedForSandbox());
    }
    body.set("advice", Json.tree(d.advice()));
    return ApiResponse.ok(body);
  }
}
