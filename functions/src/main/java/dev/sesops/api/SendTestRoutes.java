package dev.sesops.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.AddressMask;
import dev.sesops.common.BadInputException;
import dev.sesops.config.AccountConfig;
import dev.sesops.config.SesOpsConfig;
import dev.sesops.ses.SesGateway;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Sends one test email, only to the mailbox simulator and the configured test recipients. */
final class SendTestRoutes {
  private final ApiContext ctx;

  SendTestRoutes(ApiContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  List<Router.Route> routes() {
    String a = "/accounts/{account}";
    return List.of(new Router.Route("POST", a + "/test-emails", this::sendTest));
  }

  static final Set<String> SIMULATOR =
      Set.of(
          "success@simulator.amazonses.com",
          "bounce@simulator.amazonses.com",
          "ooto@simulator.amazonses.com",
          "complaint@simulator.amazonses.com",
          "suppressionlist@simulator.amazonses.com");

  private ApiResponse sendTest(Router.Call call) {
    Params.allowQuery(call.request());
    JsonNode b = Params.body(call.request());
    String from = Params.address("body.from", Params.text(b, "from", true));
    String to = Params.address("body.to", Params.text(b, "to", true));
    String subject = Params.text(b, "subject", false);
    String text = Params.text(b, "body", false);
    if (subject == null) {
      subject = "ses-ops test email";
    }
    if (subject.isBlank()
        || subject.length() > 998
        || subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
      throw new BadInputException("body.subject", "must be 1-998 characters on one line");
    }
    if (text == null) {
      text = "This is a test email sent by ses-ops.";
    }
    if (text.length() > 20_000) {
      throw new BadInputException("body.body", "longer than 20000 characters");
    }
    AccountConfig a = ctx.account(call);
    SesOpsConfig cfg = ctx.config();
    String recipient = to.toLowerCase(Locale.ROOT);
    boolean allowed =
        SIMULATOR.contains(recipient)
            || cfg.testRecipients().stream().anyMatch(t -> t.equalsIgnoreCase(to));
    if (!allowed) {
      throw ApiException.forbidden(
          "send-test sends only to the SES mailbox simulator and the configured test_recipients; "
              + AddressMask.mask(to)
              + " is neither");
    }
    SesAccount account = ctx.ses(a);
    String covering = coveringIdentity(account, from);
    if (covering == null) {
      throw ApiException.forbidden(
          "body.from: no verified identity of account " + a.name() + " covers this sender");
    }
    String messageId = account.sendEmail(from, to, subject, text);
    ObjectNode body = ApiContext.head(a);
    body.put("message_id", messageId);
    body.put("from", from);
    body.put("to", AddressMask.mask(to));
    body.put("sender_identity", covering);
    return ApiResponse.ok(body);
  }

  /**
   * The verified identity (the address itself, else its domain) that lets this account send as
   * {@code from}.
   */
  private static String coveringIdentity(SesAccount account, String from) {
    String domain = from.substring(from.lastIndexOf('@') + 1);
    Map<String, SesGateway.Verification> v = account.verification(List.of(from, domain));
    for (String id : List.of(from, domain)) {
      SesGateway.Verification x = v.get(id);
      if (x != null && "Success".equals(x.status())) {
        return id;
      }
    }
    return null;
  }
}
