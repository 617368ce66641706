package dev.sesops.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;

/**
 * WireMock answers for SES v1 (the Query protocol's XML), shaped as the API reference documents
 * them.
 */
public final class SesStubs {
  private static final String NAMESPACE = "http://ses.amazonaws.com/doc/2010-12-01/";

  private SesStubs() {}

  /** A successful {@code action} response whose result element holds {@code resultXml}. */
  public static ResponseDefinitionBuilder response(String action, String resultXml) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/xml")
        .withBody(
            "<"
                + action
                + "Response xmlns=\""
                + NAMESPACE
                + "\"><"
                + action
                + "Result>"
                + resultXml
                + "</"
                + action
                + "Result>"
                + "<ResponseMetadata><RequestId>5e1f0000-0000-4000-8000-000000000001</RequestId></ResponseMetadata>"
                + "</"
                + action
                + "Response>");
  }

  /** GetIdentityDkimAttributes answering with the given {@link #dkimEntry} elements. */
  public static ResponseDefinitionBuilder dkimAttributes(String... entries) {
    return response(
        "GetIdentityDkimAttributes",
        "<DkimAttributes>" + String.join("", entries) + "</DkimAttributes>");
  }

  /** One identity's entry in a GetIdentityDkimAttributes answer. */
  public static String dkimEntry(
      String identity, boolean enabled, String status, List<String> tokens) {
    StringBuilder sb =
        new StringBuilder("<entry><key>")
            .append(identity)
            .append("</key><value><DkimEnabled>")
            .append(enabled)
            .append("</DkimEnabled><DkimVerificationStatus>")
            .append(status)
            .append("</DkimVerificationStatus><DkimTokens>");
    tokens.forEach(t -> sb.append("<member>").append(t).append("</member>"));
    return sb.append("</DkimTokens></value></entry>").toString();
  }
}
