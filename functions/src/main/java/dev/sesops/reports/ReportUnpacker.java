package dev.sesops.reports;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Takes one stored object (a raw email, a gzip or zip archive, plain XML or JSON) apart into the
 * report documents inside it, within {@link ReportLimits}: the object's size, the bytes
 * decompressed in total, each archive's ratio of decompressed to compressed bytes, and the entries
 * per archive. Archives may nest once (a zip or gzip attached to an email, a gzip inside a zip).
 * Gzip members may be concatenated (the JDK reads them all) and followed by padding (ignored, as
 * gzip(1) does).
 */
final class ReportUnpacker {
  /** What a document inside the object is. */
  enum Kind {
    XML,
    JSON
  }

  /** One report document: where it came from inside the object, and its bytes. */
  record Document(String name, Kind kind, byte[] bytes) {}

  private static final int MAX_DEPTH = 3;
  private final ReportLimits limits;

  ReportUnpacker(ReportLimits limits) {
    this.limits = limits;
  }

  /**
   * The documents in {@code object}.
   *
   * @param name the object key, for file-name hints and messages
   * @throws RejectedReportException with the reason when the object breaks a limit or holds no
   *     report
   */
  List<Document> unpack(String name, byte[] object) {
    if (object.length > limits.maxObjectBytes()) {
      throw new RejectedReportException(
          "object is " + object.length + " bytes, over the limit of " + limits.maxObjectBytes());
    }
    List<Document> out = new ArrayList<>();
    long[] budget = {limits.maxDecompressedBytes()};
    open(name, object, out, budget, 0, name.startsWith("inbound/") || lower(name).endsWith(".eml"));
    if (out.isEmpty()) {
      throw new RejectedReportException(
          "no DMARC or TLS report inside (expected XML, JSON, gzip, zip or an email carrying one)");
    }
    return out;
  }

  private void open(
      String name, byte[] bytes, List<Document> out, long[] budget, int depth, boolean mail) {
    if (depth > MAX_DEPTH) {
      throw new RejectedReportException(
          "archives nested more than " + MAX_DEPTH + " deep in " + name);
    }
    if (isGzip(bytes)) {
      open(stripGz(name), gunzip(name, bytes, budget), out, budget, depth + 1, false);
    } else if (isZip(bytes)) {
      unzip(name, bytes, out, budget, depth);
    } else if (mail || looksLikeMail(bytes)) {
      mime(name, bytes, out, budget, depth);
    } else {
      Kind kind = sniffText(bytes);
      if (kind == null) {
        throw new RejectedReportException(name + " is neither XML, JSON, gzip, zip nor an email");
      }
      out.add(new Document(name, kind, bytes));
    }
  }

  private byte[] gunzip(String name, byte[] bytes, long[] budget) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), 8192)) {
      return bounded(name, in, bytes.length, budget);
    } catch (ZipException e) {
      throw new RejectedReportException(name + " is not valid gzip: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new RejectedReportException(
          name + " is truncated or not valid gzip: " + e.getClass().getSimpleName(), e);
    }
  }

  private void unzip(String name, byte[] bytes, List<Document> out, long[] budget, int depth) {
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.isDirectory()) {
          continue;
        }
        if (++entries > limits.maxEntries()) {
          throw new RejectedReportException(
              name + " has more than " + limits.maxEntries() + " entries");
        }
        String entryName = name + "!" + e.getName();
        long compressed = e.getCompressedSize() > 0 ? e.getCompressedSize() : bytes.length;
        open(entryName, bounded(entryName, zip, compressed, budget), out, budget, depth + 1, false);
      }
    } catch (ZipException e) {
      throw new RejectedReportException(name + " is not a valid zip archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new RejectedReportException(name + " is a truncated zip archive", e);
    }
    if (entries == 0) {
      throw new RejectedReportException(name + " is an empty zip archive");
    }
  }

  private void mime(String name, byte[] bytes, List<Document> out, long[] budget, int depth) {
    MimeConfig config =
        new MimeConfig.Builder()
            .setMaxLineLen(-1)
            .setMaxHeaderCount(1000)
            .setMaxHeaderLen(100_000)
            .setMaxContentLen(limits.maxObjectBytes())
            .setMaxPartCount(Math.max(4, limits.maxEntries() * 2))
            .setMaxNestingDepth(8)
            .setStrictParsing(false)
            .build();
    MimeStreamParser parser = new MimeStreamParser(config);
    parser.setContentDecoding(true);
    int[] part = {0};
    parser.setContentHandler(
        new AbstractContentHandler() {
          @Override
          public void body(BodyDescriptor bd, InputStream is) throws IOException {
            String partName = name + "#part" + (++part[0]);
            byte[] body = bounded(partName, is, bytes.length, budget);
            String type = bd.getMimeType() == null ? "" : bd.getMimeType().toLowerCase(Locale.ROOT);
            if (isGzip(body) || isZip(body)) {
              open(partName, body, out, budget, depth + 1, false);
            } else if (!type.equals("text/html") && sniffReport(body) != null) {
              out.add(new Document(partName, sniffReport(body), body));
            }
          }
        });
    try {
      parser.parse(new ByteArrayInputStream(bytes));
    } catch (MimeException e) {
      throw new RejectedReportException(name + " is not a readable email: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new RejectedReportException(
          name + " is not a readable email: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads at most what is left of the decompression budget, and at most {@code maxRatio} times the
   * compressed size: a stream that would pass either is cut off and the object rejected.
   */
  private byte[] bounded(String name, InputStream in, long compressedSize, long[] budget)
      throws IOException {
    long ratioCap = Math.max(compressedSize, 1) * (long) limits.maxRatio();
    long cap = Math.min(budget[0], Math.max(ratioCap, 64 * 1024));
    ByteArrayOutputStream buf = new ByteArrayOutputStream((int) Math.min(cap, 1 << 16));
    byte[] chunk = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(chunk)) > 0; ) {
      total += n;
      if (total > cap) {
        if (cap == budget[0]) {
          throw new RejectedReportException(
              name
                  + " decompresses to more than "
                  + limits.maxDecompressedBytes()
                  + " bytes in total");
        }
        throw new RejectedReportException(
            name
                + " decompresses more than "
                + limits.maxRatio()
                + " times its compressed size ("
                + compressedSize
                + " bytes): refused as a zip bomb");
      }
      buf.write(chunk, 0, n);
    }
    budget[0] -= total;
    return buf.toByteArray();
  }

  static boolean isGzip(byte[] b) {
    return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
  }

  static boolean isZip(byte[] b) {
    return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
  }

  /** XML or JSON by the first non-blank character (after a UTF-8 byte order mark). */
  static Kind sniffText(byte[] b) {
    int i =
        b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf
            ? 3
            : 0;
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    if (i >= b.length) {
      return null;
    }
    return b[i] == '<' ? Kind.XML : b[i] == '{' ? Kind.JSON : null;
  }

  /**
   * A text part of an email that is a report itself (some reporters attach the XML as text/xml, a
   * few inline).
   */
  private static Kind sniffReport(byte[] b) {
    Kind k = sniffText(b);
    if (k == null) {
      return null;
    }
    String head =
        new String(b, 0, Math.min(b.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
    return (k == Kind.XML && head.contains("feedback"))
            || (k == Kind.JSON && head.contains("\"policies\""))
        ? k
        : null;
  }

  /** RFC 5322 header fields at the start: a name, a colon, on the first line. */
  private static boolean looksLikeMail(byte[] b) {
    int end = Math.min(b.length, 1000);
    for (int i = 0; i < end; i++) {
      byte c = b[i];
      if (c == ':') {
        return i > 0;
      }
      if (c <= ' ' || c >= 127) {
        return false;
      }
    }
    return false;
  }

  private static String stripGz(String name) {
    String l = lower(name);
    return l.endsWith(".gz")
        ? name.substring(0, name.length() - 3)
        : l.endsWith(".gzip") ? name.substring(0, name.length() - 5) : name + "(gunzipped)";
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
