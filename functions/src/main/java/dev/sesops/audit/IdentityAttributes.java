package dev.sesops.audit;

import java.util.List;

/**
 * Everything the four batched SES v1 attribute calls say about one identity. Status strings are
 * SES's own (Pending, Success, Failed, TemporaryFailure, NotStarted); null when SES returned no
 * entry.
 */
record IdentityAttributes(
    String identity,
    String verificationStatus,
    String verificationToken,
    Boolean dkimEnabled,
    String dkimStatus,
    List<String> dkimTokens,
    String mailFromDomain,
    String mailFromStatus,
    String bounceTopic,
    String complaintTopic,
    Boolean forwardingEnabled) {

  boolean isDomain() {
    return !identity.contains("@");
  }

  static IdentityAttributes unknown(String identity) {
    return new IdentityAttributes(
        identity, null, null, null, null, List.of(), null, null, null, null, null);
  }
}
