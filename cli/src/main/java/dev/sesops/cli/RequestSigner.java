package dev.sesops.cli;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 for API Gateway ({@code execute-api}) with the SDK's own signer: the headers a call to the
 * API carries.
 */
final class RequestSigner {
  static final String SERVICE = "execute-api";

  private RequestSigner() {}

  /** The signed request's headers (Authorization, X-Amz-Date, X-Amz-Security-Token, ...). */
  static Map<String, java.util.List<String>> sign(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      AwsCredentialsIdentity credentials,
      String region,
      Clock clock) {
    SdkHttpRequest.Builder b =
        SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(b::putHeader);
    byte[] payload = body == null ? new byte[0] : body;
    SdkHttpRequest unsigned = b.build();
    return AwsV4HttpSigner.create()
        .sign(
            r ->
                r.identity(credentials)
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock))
        .request()
        .headers();
  }
}
