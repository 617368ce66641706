import java.net.HttpURLConnection;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * The floor of a one-call command on the JVM with the AWS SDK (scripts/bench.sh): one SES v1 client
 * (static keys, Region and endpoint given, plain HTTP, no TLS) making one GetSendQuota and printing
 * two numbers. No config, no command line parsing, no JSON library: what no CLI built on the SDK can
 * start below. Usage: java -cp cli/target/ses-ops.jar:DIR QuotaFloor ENDPOINT
 */
public final class QuotaFloor {
  public static void main(String[] args) {
    try (SesClient ses = SesClient.builder().region(Region.US_WEST_2).endpointOverride(URI.create(args[0]))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIADEMOPRODUCTION01", "demo-production-secret")))
        .httpClient(UrlConnectionHttpClient.create(QuotaFloor::open))
        .build()) {
      var q = ses.getSendQuota();
      System.out.println("{\"max_24_hour_send\":" + q.max24HourSend() + ",\"sent_last_24_hours\":" + q.sentLast24Hours() + "}");
    }
  }

  private static HttpURLConnection open(URI uri) {
    try {
      return (HttpURLConnection) uri.toURL().openConnection();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
