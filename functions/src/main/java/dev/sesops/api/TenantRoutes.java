package dev.sesops.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Deadline;
import dev.sesops.common.Json;
import dev.sesops.common.NotFoundException;
import dev.sesops.config.AccountConfig;
import dev.sesops.ses.ReputationRecord;
import dev.sesops.signals.TenantReader;
import dev.sesops.signals.TenantStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Tenants ({@code tenants ACCOUNT}, {@code tenant ACCOUNT NAME}): each tenant's aggregate sending
 * status, its customer-managed and AWS-managed statuses with their causes, and its reputation
 * policy. The list costs 2 SES calls per 100 tenants (ListTenants and ListReputationEntities
 * pages); one tenant costs 2 (GetTenant, GetReputationEntity).
 */
final class TenantRoutes {
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Duration BUDGET = Duration.ofSeconds(20);

  private final ApiContext ctx;
  private final TenantReader tenants;

  TenantRoutes(ApiContext ctx, TenantReader tenants) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
  }

  List<Router.Route> routes() {
    String a = "/accounts/{account}";
    return List.of(
        new Router.Route("GET", a + "/tenants", this::list),
        new Router.Route("GET", a + "/tenants/{tenant}", this::one));
  }

  private ApiResponse list(Router.Call call) {
    Params.allowQuery(call.request());
    AccountConfig a = ctx.account(call);
    TenantReader.Reading r =
        tenants.all(a, Deadline.after(ctx.clock(), BUDGET.toMillis(), Duration.ZERO));
    ObjectNode body = ApiContext.head(a);
    body.put("count", r.tenants().size());
    body.put("paused", (int) r.tenants().stream().filter(TenantStatus::paused).count());
    body.put("complete", r.complete());
    ArrayNode list = body.putArray("tenants");
    r.tenants().forEach(t -> list.add(json(t)));
    return ApiResponse.ok(body);
  }

  private ApiResponse one(Router.Call call) {
    Params.allowQuery(call.request());
    AccountConfig a = ctx.account(call);
    String name = call.param("tenant");
    if (name == null || !TENANT.matcher(name).matches()) {
      throw new BadInputException("tenant", "must match [A-Za-z0-9_-]{1,64}");
    }
    TenantStatus t =
        tenants
            .one(a, name)
            .orElseThrow(
                () -> new NotFoundException("no tenant '" + name + "' in account " + a.name()));
    ObjectNode body = ApiContext.head(a);
    body.set("tenant", json(t));
    return ApiResponse.ok(body);
  }

  static ObjectNode json(TenantStatus t) {
    ObjectNode n = Json.object();
    n.put("name", t.name());
    put(n, "id", t.id());
    put(n, "arn", t.arn());
    put(n, "sending_status", t.sendingStatus());
    n.put("paused", t.paused());
    put(n, "paused_by", t.pausedBy());
    put(n, "cause", t.cause());
    ReputationRecord r = t.reputation();
    if (r != null) {
      put(n, "policy", r.policy());
      put(n, "reputation_impact", r.impact());
      status(n, "customer_managed", r.customerManaged());
      status(n, "aws_managed", r.awsManaged());
    }
    return n;
  }

  private static void status(ObjectNode n, String field, ReputationRecord.EntityStatus s) {
    if (s == null) {
      return;
    }
    ObjectNode o = n.putObject(field);
    put(o, "status", s.status());
    put(o, "cause", s.cause());
    put(o, "last_updated", s.lastUpdated() == null ? null : s.lastUpdated().toString());
  }

  private static void put(ObjectNode n, String k, String v) {
    if (v != null) {
      n.put(k, v);
    }
  }
}
