package dev.sesops.api;

import dev.sesops.aws.MemberSession;

/**
 * The member-account session of one API request: its read routes ({@code GET}, {@code HEAD}) run as
 * {@code ses-ops-api-read}, whose session policy holds only read actions; every other route as
 * {@code ses-ops-api-write}. With {@code withCaller} (deployed: API Gateway names the caller) the
 * session carries the caller's principal ARN as its STS {@code SourceIdentity}, so CloudTrail in
 * the member account names who asked; locally the process's own credentials already do.
 */
final class ApiSessions {
  private ApiSessions() {}

  static MemberSession forRequest(ApiRequest request, boolean withCaller) {
    String method = request.method();
    String function = "GET".equals(method) || "HEAD".equals(method) ? "api-read" : "api-write";
    return new MemberSession(
        function, withCaller ? MemberSession.sourceIdentityOf(request.caller()) : null);
  }
}
