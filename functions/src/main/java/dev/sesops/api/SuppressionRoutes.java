package dev.sesops.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.AddressMask;
import dev.sesops.common.BadInputException;
import dev.sesops.common.NotFoundException;
import dev.sesops.config.AccountConfig;
import dev.sesops.ses.Page;
import dev.sesops.ses.SuppressedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The account-level suppression list: list, details and removal of one address. */
final class SuppressionRoutes {
  private final ApiContext ctx;

  SuppressionRoutes(ApiContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  List<Router.Route> routes() {
    String a = "/accounts/{account}";
    return List.of(
        new Router.Route("GET", a + "/suppressed", this::suppressed),
        new Router.Route("GET", a + "/suppressed/{email}", this::suppressionDetails),
        new Router.Route("DELETE", a + "/suppressed/{email}", this::removeSuppression));
  }

  private static final Set<String> REASONS = Set.of("BOUNCE", "COMPLAINT");

  private ApiResponse suppressed(Router.Call call) {
    ApiRequest r = call.request();
    Params.allowQuery(r, "reason", "from", "to", "limit", "next", "reveal");
    List<String> reasons = new ArrayList<>();
    if (r.queryParam("reason") != null) {
      for (String s : r.queryParam("reason").split(",", -1)) {
        String v = Params.enumValue("reason", s, REASONS);
        if (!reasons.contains(v)) {
          reasons.add(v);
        }
      }
    }
    Instant from = Params.instant("from", r.queryParam("from"));
    Instant to = Params.instant("to", r.queryParam("to"));
    if (from != null && to != null && from.isAfter(to)) {
      throw new BadInputException("from", "is after to");
    }
    int limit = Params.intValue("limit", r.queryParam("limit"), 1, 1000, 100);
    boolean reveal = Params.boolValue("reveal", r.queryParam("reveal"), false);
    String scope = "suppressed|" + call.param("account") + "|" + reasons + "|" + from + "|" + to;
    String token = PageToken.decode(scope, r.queryParam("next"));
    AccountConfig a = ctx.account(call);
    Page<SuppressedEntry> page = ctx.ses(a).suppressed(reasons, from, to, token, limit);
    ObjectNode body = ApiContext.head(a);
    ArrayNode list = body.putArray("entries");
    for (SuppressedEntry s : page.items()) {
      ObjectNode n = list.addObject();
      n.put("email_address", reveal ? s.emailAddress() : AddressMask.mask(s.emailAddress()));
      n.put("reason", s.reason());
      n.put("last_update_time", s.lastUpdateTime() == null ? null : s.lastUpdateTime().toString());
    }
    body.put("next", PageToken.encode(scope, page.next()));
    return ApiResponse.ok(body);
  }

  private ApiResponse suppressionDetails(Router.Call call) {
    Params.allowQuery(call.request());
    String address = Params.address("email", call.param("email"));
    AccountConfig a = ctx.account(call);
    SuppressedEntry s =
        ctx.ses(a)
            .suppressedDestination(address)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        AddressMask.mask(address) + " is not on the suppression list"));
    ObjectNode body = ApiContext.head(a);
    body.put("email_address", AddressMask.mask(address));
    body.put("reason", s.reason());
    body.put("last_update_time", s.lastUpdateTime() == null ? null : s.lastUpdateTime().toString());
    body.put("message_id", s.messageId());
    body.put("feedback_id", s.feedbackId());
    return ApiResponse.ok(body);
  }

  private ApiResponse removeSuppression(Router.Call call) {
    Params.allowQuery(call.request());
    String address = Params.address("email", call.param("email"));
    AccountConfig a = ctx.account(call);
    if (!ctx.ses(a).deleteSuppressed(address)) {
      throw new NotFoundException(AddressMask.mask(address) + " is not on the suppression list");
    }
    ObjectNode body = ApiContext.head(a);
    body.put("email_address", AddressMask.mask(address));
    body.put("removed", true);
    return ApiResponse.ok(body);
  }
}
