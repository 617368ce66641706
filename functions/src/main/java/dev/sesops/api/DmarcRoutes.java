package dev.sesops.api;

import dev.sesops.common.Json;
import dev.sesops.reports.DmarcQuery;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The reports function's read side: {@code GET /domains/{domain}/dmarc?days=N} (sources, rates,
 * verdict; default 30 days).
 */
final class DmarcRoutes {
  private final Supplier<DmarcQuery> query;

  DmarcRoutes(Supplier<DmarcQuery> query) {
    this.query = Objects.requireNonNull(query, "query");
  }

  static Supplier<DmarcQuery> unavailable() {
    return () -> {
      throw new ApiException(
          503,
          "reports_unavailable",
          "DMARC reports are not configured (SES_OPS_STATE_TABLE, SES_OPS_REPORT_BUCKET)");
    };
  }

  List<Router.Route> routes() {
    return List.of(new Router.Route("GET", "/domains/{domain}/dmarc", this::dmarc));
  }

  private ApiResponse dmarc(Router.Call call) {
    Params.allowQuery(call.request(), "days");
    int days = Params.intValue("days", call.request().queryParam("days"), 1, 366, 30);
    return ApiResponse.ok(Json.tree(query.get().domain(call.param("domain"), days)));
  }
}
