package dev.sesops.api;

import dev.sesops.ses.AccountStatus;
import dev.sesops.ses.Quota;
import dev.sesops.ses.SesGateway;
import dev.sesops.ses.SuppressedEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Why mail to one address may not arrive, decided from facts already read from SES and DNS: a pure
 * function, so every piece of advice is testable without an account.
 */
record Diagnosis(
    List<String> advice, String coveringIdentity, Boolean recipientVerifiedForSandbox) {

  /**
   * What the debug route read: the suppression entry, the recipient domain's MX, the account,
   * identities.
   */
  record Facts(
      String account,
      String address,
      String from,
      Optional<SuppressedEntry> suppressed,
      MxLookup.Result mx,
      AccountStatus status,
      String health,
      Quota quota,
      Map<String, SesGateway.Verification> verification) {}

  /**
   * The identities whose verification the diagnosis needs: the sender's, and in the sandbox the
   * recipient's.
   */
  static List<String> identitiesToCheck(String address, String from, boolean sandbox) {
    List<String> ids = new ArrayList<>();
    if (from != null) {
      ids.add(from);
      ids.add(domainOf(from));
    }
    if (sandbox) {
      ids.add(address);
      ids.add(domainOf(address));
    }
    return List.copyOf(new java.util.LinkedHashSet<>(ids));
  }

  static Diagnosis of(Facts f) {
    List<String> advice = new ArrayList<>();
    f.suppressed()
        .ifPresent(
            s ->
                advice.add(
                    "the address is on the account's suppression list ("
                        + s.reason()
                        + "): SES drops mail to it. If the cause is fixed, remove it: ses-ops remove-suppression "
                        + f.account()
                        + " ADDRESS"));
    switch (f.mx().status()) {
      case "NXDOMAIN" ->
          advice.add("the recipient's domain does not exist: check the address for typos");
      case "NONE" -> advice.add("the recipient's domain has no MX records: mail to it will bounce");
      case "ERROR" -> advice.add("the MX lookup failed: try again, or check the domain's DNS");
      default -> {}
    }
    if (!f.status().sending()) {
      advice.add(
          "sending is disabled for this account: nothing goes out until it is enabled again");
    }
    if (!"OK".equals(f.health())) {
      advice.add(
          "the account is not healthy ("
              + f.status().enforcementStatus()
              + "): check the reputation dashboard and any AWS notices");
    }
    if (f.quota().max24HourSend() >= 0
        && f.quota().sentLast24Hours() >= f.quota().max24HourSend()) {
      advice.add("the 24-hour sending quota is used up: wait, or request a higher quota");
    }
    String covering = null;
    if (f.from() != null) {
      for (String id : List.of(f.from(), domainOf(f.from()))) {
        if (verified(f.verification(), id)) {
          covering = id;
          break;
        }
      }
      if (covering == null) {
        advice.add(
            "no verified identity covers the sender: verify the address or its domain (ses-ops verify-domain "
                + f.account()
                + " DOMAIN)");
      }
    }
    Boolean recipientVerified = null;
    if (!f.status().production()) {
      recipientVerified =
          verified(f.verification(), f.address())
              || verified(f.verification(), domainOf(f.address()))
              || SendTestRoutes.SIMULATOR.contains(f.address().toLowerCase(Locale.ROOT));
      if (!recipientVerified) {
        advice.add(
            "the account is in the SES sandbox: it can send only to verified addresses and the mailbox simulator");
      }
    }
    if (advice.isEmpty()) {
      advice.add(
          "nothing on the SES side stops mail to this address; check the recipient's spam folder and the sending logs");
    }
    return new Diagnosis(List.copyOf(advice), covering, recipientVerified);
  }

  private static boolean verified(Map<String, SesGateway.Verification> v, String id) {
    return v.get(id) != null && "Success".equals(v.get(id).status());
  }

  static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1);
  }
}
