import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;

/**
 * Writes a WireMock mapping that answers CloudWatch GetMetricData for one Region the way SDK 2.59
 * speaks it (Smithy RPC v2 CBOR), with bounce and complaint points from ten minutes ago.
 * Usage: java CloudWatchStub.java OUT_FILE REGION BOUNCE_FRACTION COMPLAINT_FRACTION
 * (a single-file program: the demo runs it without a build; timestamps must be fresh each run).
 */
public class CloudWatchStub {
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: java CloudWatchStub.java OUT_FILE REGION BOUNCE_FRACTION COMPLAINT_FRACTION");
      System.exit(2);
    }
    long ts = Instant.now().minusSeconds(600).getEpochSecond();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    head(b, 5, 2);
    text(b, "MetricDataResults");
    head(b, 4, 2);
    result(b, "bounce", ts, Double.parseDouble(args[2]));
    result(b, "complaint", ts, Double.parseDouble(args[3]));
    text(b, "Messages");
    head(b, 4, 0);
    String body = Base64.getEncoder().encodeToString(b.toByteArray());
    String mapping = """
        {
          "request": {
            "method": "POST",
            "url": "/service/GraniteServiceVersion20100801/operation/GetMetricData",
            "headers": {"Authorization": {"contains": "/%s/monitoring/"}}
          },
          "response": {
            "status": 200,
            "headers": {"Content-Type": "application/cbor", "smithy-protocol": "rpc-v2-cbor"},
            "base64Body": "%s"
          }
        }
        """.formatted(args[1], body);
    Files.writeString(Path.of(args[0]), mapping, StandardCharsets.UTF_8);
  }

  private static void result(ByteArrayOutputStream b, String id, long ts, double value) {
    head(b, 5, 5);
    text(b, "Id");
    text(b, id);
    text(b, "Label");
    text(b, id);
    text(b, "Timestamps");
    head(b, 4, 1);
    head(b, 6, 1); // tag 1: epoch-based date/time
    head(b, 0, ts);
    text(b, "Values");
    head(b, 4, 1);
    b.write(0xfb); // float64
    long bits = Double.doubleToLongBits(value);
    for (int i = 7; i >= 0; i--) {
      b.write((int) (bits >>> (i * 8)) & 0xff);
    }
    text(b, "StatusCode");
    text(b, "Complete");
  }

  private static void text(ByteArrayOutputStream b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    head(b, 3, bytes.length);
    b.writeBytes(bytes);
  }

  /** A CBOR head: major type and argument (shortest form). */
  private static void head(ByteArrayOutputStream b, int major, long arg) {
    int m = major << 5;
    if (arg < 24) {
      b.write(m | (int) arg);
    } else if (arg < 0x100) {
      b.write(m | 24);
      b.write((int) arg);
    } else if (arg < 0x10000) {
      b.write(m | 25);
      b.write((int) (arg >> 8));
      b.write((int) arg & 0xff);
    } else if (arg < 0x100000000L) {
      b.write(m | 26);
      for (int i = 3; i >= 0; i--) {
        b.write((int) (arg >> (i * 8)) & 0xff);
      }
    } else {
      b.write(m | 27);
      for (int i = 7; i >= 0; i--) {
        b.write((int) (arg >> (i * 8)) & 0xff);
      }
    }
  }
}
