package dev.sesops.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.AddressMask;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import dev.sesops.common.NotFoundException;
import dev.sesops.config.AccountConfig;
import dev.sesops.ses.Page;
import dev.sesops.ses.SesGateway;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Identities: list, verify, details, DKIM and notification topics. */
final class IdentityRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityRoutes.class);

  /**
   * The topic connect-notifications uses when none is given: create it in the member account and
   * subscribe the events queue.
   */
  static final String NOTIFICATION_TOPIC = "ses-ops-notifications";

  private static final Pattern SNS_TOPIC =
      Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}");

  private final ApiContext ctx;

  IdentityRoutes(ApiContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  List<Router.Route> routes() {
    String a = "/accounts/{account}";
    return List.of(
        new Router.Route("GET", a + "/identities", this::identities),
        new Router.Route("POST", a + "/identities", this::verifyIdentity),
        new Router.Route("GET", a + "/identities/{identity}", this::identity),
        new Router.Route("GET", a + "/identities/{identity}/dkim", this::dkim),
        new Router.Route("PUT", a + "/identities/{identity}/dkim", this::enableDkim),
        new Router.Route("GET", a + "/identities/{identity}/notifications", this::notifications),
        new Router.Route(
            "POST", a + "/identities/{identity}/notification-topic", this::connectNotifications));
  }

  private ApiResponse identities(Router.Call call) {
    ApiRequest r = call.request();
    Params.allowQuery(r, "type", "limit", "next");
    String type =
        r.queryParam("type") == null
            ? null
            : Params.enumValue("type", r.queryParam("type"), Set.of("EMAIL", "DOMAIN"));
    int limit = Params.intValue("limit", r.queryParam("limit"), 1, 100, 100);
    String scope = "identities|" + call.param("account") + "|" + type;
    String token = PageToken.decode(scope, r.queryParam("next"));
    AccountConfig a = ctx.account(call);
    SesAccount account = ctx.ses(a);
    SesGateway.IdentityKind kind =
        type == null
            ? null
            : type.equals("EMAIL")
                ? SesGateway.IdentityKind.EMAIL_ADDRESS
                : SesGateway.IdentityKind.DOMAIN;
    Page<String> page = account.identities(kind, token, limit);
    Map<String, SesGateway.Verification> v =
        page.items().isEmpty() ? Map.of() : account.verification(page.items());
    ObjectNode body = ApiContext.head(a);
    ArrayNode list = body.putArray("identities");
    for (String id : page.items()) {
      ObjectNode n = list.addObject();
      n.put("identity", id);
      n.put("type", id.contains("@") ? "email" : "domain");
      n.put("verification_status", v.containsKey(id) ? v.get(id).status() : "NotStarted");
    }
    body.put("next", PageToken.encode(scope, page.next()));
    return ApiResponse.ok(body);
  }

  private ApiResponse verifyIdentity(Router.Call call) {
    Params.allowQuery(call.request());
    JsonNode b = Params.body(call.request());
    String email = Params.text(b, "email", false);
    String domain = Params.text(b, "domain", false);
    if ((email == null) == (domain == null)) {
      throw new BadInputException("body", "give exactly one of email or domain");
    }
    AccountConfig a = ctx.account(call);
    SesAccount account = ctx.ses(a);
    ObjectNode body = ApiContext.head(a);
    if (email != null) {
      String address = Params.address("body.email", email);
      account.verifyEmail(address);
      body.put("identity", address);
      body.put("type", "email");
      body.put("verification_status", "Pending");
      body.put(
          "next_step", "open the verification email SES sent to this address and follow its link");
      return ApiResponse.of(202, body);
    }
    String d = Params.domain("body.domain", domain);
    SesAccount.DomainVerification dv = account.verifyDomain(d);
    body.put("identity", d);
    body.put("type", "domain");
    body.put("verification_status", "Pending");
    ArrayNode records = body.putArray("dns_records");
    ObjectNode txt = records.addObject();
    txt.put("type", "TXT");
    txt.put("name", "_amazonses." + d);
    txt.put("value", dv.verificationToken());
    addDkimRecords(records, d, dv.dkimTokens());
    body.put("next_step", "publish these DNS records; SES verifies the domain once it sees them");
    return ApiResponse.of(202, body);
  }

  private static void addDkimRecords(ArrayNode records, String domain, List<String> tokens) {
    if (tokens == null) {
      return;
    }
    for (String t : tokens) {
      ObjectNode c = records.addObject();
      c.put("type", "CNAME");
      c.put("name", t + "._domainkey." + domain);
      c.put("value", t + ".dkim.amazonses.com");
    }
  }

  private ApiResponse identity(Router.Call call) {
    Params.allowQuery(call.request());
    String id = Params.identity("identity", call.param("identity"));
    AccountConfig a = ctx.account(call);
    SesAccount account = ctx.ses(a);
    SesGateway.Verification v = known(account.verification(List.of(id)), id);
    ObjectNode body = ApiContext.head(a);
    body.put("identity", id);
    body.put("type", id.contains("@") ? "email" : "domain");
    body.set("verification", Json.tree(v));
    SesGateway.Dkim dkim = account.dkim(List.of(id)).get(id);
    body.set("dkim", dkim == null ? Json.MAPPER.nullNode() : dkimNode(id, dkim));
    SesGateway.MailFrom mf = account.mailFrom(List.of(id)).get(id);
    body.set("mail_from", mf == null ? Json.MAPPER.nullNode() : Json.tree(mf));
    SesGateway.Notifications n = account.notifications(List.of(id)).get(id);
    body.set("notifications", n == null ? Json.MAPPER.nullNode() : Json.tree(n));
    return ApiResponse.ok(body);
  }

  private ApiResponse dkim(Router.Call call) {
    Params.allowQuery(call.request());
    String id = Params.identity("identity", call.param("identity"));
    AccountConfig a = ctx.account(call);
    SesGateway.Dkim dkim = known(ctx.ses(a).dkim(List.of(id)), id);
    ObjectNode body = ApiContext.head(a);
    body.setAll(dkimNode(id, dkim));
    return ApiResponse.ok(body);
  }

  private ApiResponse enableDkim(Router.Call call) {
    Params.allowQuery(call.request());
    String id = Params.identity("identity", call.param("identity"));
    boolean enabled = Params.bool(Params.body(call.request()), "enabled");
    AccountConfig a = ctx.account(call);
    SesAccount account = ctx.ses(a);
    known(account.verification(List.of(id)), id);
    account.setDkimEnabled(id, enabled);
    SesGateway.Dkim dkim = known(account.dkim(List.of(id)), id);
    ObjectNode body = ApiContext.head(a);
    body.setAll(dkimNode(id, dkim));
    return ApiResponse.ok(body);
  }

  private static ObjectNode dkimNode(String id, SesGateway.Dkim dkim) {
    ObjectNode n = Json.object();
    n.put("identity", id);
    n.put("enabled", Boolean.TRUE.equals(dkim.enabled()));
    n.put("status", dkim.status());
    n.set("tokens", Json.tree(dkim.tokens() == null ? List.of() : dkim.tokens()));
    if (!id.contains("@")) {
      addDkimRecords(n.putArray("dns_records"), id, dkim.tokens());
    }
    return n;
  }

  private ApiResponse notifications(Router.Call call) {
    Params.allowQuery(call.request());
    String id = Params.identity("identity", call.param("identity"));
    AccountConfig a = ctx.account(call);
    SesAccount account = ctx.ses(a);
    known(account.verification(List.of(id)), id);
    SesGateway.Notifications n = known(account.notifications(List.of(id)), id);
    ObjectNode body = ApiContext.head(a);
    body.put("identity", id);
    body.setAll((ObjectNode) Json.tree(n));
    return ApiResponse.ok(body);
  }

  /**
   * connect-notifications: the identity's Bounce, Complaint and Delivery notifications to one SNS
   * topic (by default {@code ses-ops-notifications} in the account and Region, subscribed to the
   * ops account's events queue). A dry run unless {@code apply=true}; each change is logged before
   * it is made, and the answer holds the topics before, so it can be undone.
   */
  private ApiResponse connectNotifications(Router.Call call) {
    Params.allowQuery(call.request(), "apply", "topic");
    String id = Params.identity("identity", call.param("identity"));
    boolean apply = Params.boolValue("apply", call.request().queryParam("apply"), false);
    AccountConfig a = ctx.account(call);
    String topic = call.request().queryParam("topic");
    if (topic == null) {
      if (a.awsAccountId() == null) {
        throw new BadInputException(
            "topic", "the account has no aws_account_id in the config: give the SNS topic ARN");
      }
      topic = "arn:aws:sns:" + a.region() + ":" + a.awsAccountId() + ":" + NOTIFICATION_TOPIC;
    } else if (!SNS_TOPIC.matcher(topic).matches()) {
      throw new BadInputException(
          "topic", "expected an SNS topic ARN, arn:aws:sns:REGION:ACCOUNT:NAME");
    }
    SesAccount account = ctx.ses(a);
    known(account.verification(List.of(id)), id);
    SesGateway.Notifications before = known(account.notifications(List.of(id)), id);
    Map<String, String> current = new LinkedHashMap<>();
    current.put("Bounce", before.bounceTopic());
    current.put("Complaint", before.complaintTopic());
    current.put("Delivery", before.deliveryTopic());
    String shown = id.contains("@") ? AddressMask.mask(id) : id;
    ObjectNode body = ApiContext.head(a);
    body.put("identity", shown);
    body.put("topic", topic);
    body.put("dry_run", !apply);
    ArrayNode changes = body.putArray("changes");
    for (Map.Entry<String, String> c : current.entrySet()) {
      if (!topic.equals(c.getValue())) {
        changes.addObject().put("type", c.getKey()).put("from", c.getValue()).put("to", topic);
      }
    }
    body.put("action", changes.isEmpty() ? "unchanged" : apply ? "done" : "planned");
    if (apply) {
      for (JsonNode c : changes) {
        LOG.info(
            "connect-notifications {}: {} notifications of {} from {} to {}",
            a.name(),
            c.path("type").asText(),
            shown,
            c.path("from").isNull() ? "none" : c.path("from").asText(),
            topic);
        account.setNotificationTopic(id, c.path("type").asText(), topic);
      }
    }
    body.put(
        "undo",
        "aws ses set-identity-notification-topic --identity IDENTITY --notification-type TYPE"
            + " [--sns-topic FROM] for each change (without --sns-topic: notifications off)");
    return ApiResponse.ok(body);
  }

  private static <T> T known(Map<String, T> map, String id) {
    T v = map.get(id);
    if (v == null) {
      throw new NotFoundException(
          "identity "
              + (id.contains("@") ? AddressMask.mask(id) : id)
              + " is not known to SES in this account");
    }
    return v;
  }
}
