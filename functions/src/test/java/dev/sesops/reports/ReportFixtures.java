package dev.sesops.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The sample reports under events/reports/, and the wrappings reporters put them in (gzip, zip,
 * email).
 */
final class ReportFixtures {
  private ReportFixtures() {}

  static byte[] load(String name) {
    try (InputStream in = ReportFixtures.class.getResourceAsStream("/events/reports/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture events/reports/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Entry name to content, in order. */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A report email as Microsoft sends one: a short text part and the gzip attached in base64. */
  static byte[] email(String attachmentName, String contentType, byte[] attachment) {
    String b64 =
        Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(attachment);
    String mail =
        "From: dmarcreport@microsoft.com\r\n"
            + "To: dmarc@reports.example.com\r\n"
            + "Subject: Report Domain: example.com Submitter: enterprise.protection.outlook.com Report-ID: <a1f0>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"_002_boundary_\"\r\n\r\n"
            + "--_002_boundary_\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "This is a DMARC aggregate report from Microsoft Corporation.=0D=0A\r\n"
            + "--_002_boundary_\r\nContent-Type: "
            + contentType
            + "; name=\""
            + attachmentName
            + "\"\r\n"
            + "Content-Disposition: attachment; filename=\""
            + attachmentName
            + "\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + b64
            + "\r\n--_002_boundary_--\r\n";
    return mail.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
