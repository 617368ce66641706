package dev.sesops.reports;

import dev.sesops.reports.AggregateReport.AuthResult;
import dev.sesops.reports.AggregateReport.PolicyPublished;
import dev.sesops.reports.AggregateReport.ReportRecord;
import java.io.CharArrayReader;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads DMARC aggregate reports with the JDK's StAX parser, hardened: a DOCTYPE is refused outright
 * (so no DTD, no entity of any kind, internal or external, is ever expanded), and the bytes are
 * decoded strictly first (invalid UTF-8 is an error with its offset, not a replacement character).
 * Elements are matched by local name, so RFC 7489 reports without a namespace, DMARCbis ({@code
 * urn:ietf:params:xml:ns:dmarc-2.0}) and reporters that add their own prefixes all read the same.
 * Verdicts are lower-cased; optional fields a reporter leaves out are null; every {@code
 * auth_results} entry is kept.
 */
final class DmarcXmlParser {
  static final String DMARCBIS_NS = "urn:ietf:params:xml:ns:dmarc-2.0";
  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
  private static final XMLInputFactory FACTORY = factory();
  private final int maxRecords;

  DmarcXmlParser(int maxRecords) {
    this.maxRecords = maxRecords;
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  /**
   * @throws RejectedReportException naming what is wrong (and where) when the document is not a
   *     usable report
   */
  AggregateReport parse(byte[] bytes) {
    char[] text = decode(bytes);
    XMLStreamReader xml = null;
    try {
      xml = FACTORY.createXMLStreamReader(new CharArrayReader(text));
      return read(xml);
    } catch (XMLStreamException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
      throw new RejectedReportException(
          "malformed XML" + where + ": " + firstLine(e.getMessage()), e);
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException ignored) {
          // nothing held
        }
      }
    }
  }

  /** Strict decoding in the declared encoding (UTF-8 when none is declared). */
  static char[] decode(byte[] bytes) {
    Charset cs = StandardCharsets.UTF_8;
    int start = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      start = 3;
    } else {
      Matcher m =
          DECLARED_ENCODING.matcher(
              new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1));
      if (m.find()) {
        try {
          cs = Charset.forName(m.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          throw new RejectedReportException("unsupported encoding '" + m.group(1) + "' declared");
        }
      }
    }
    return strict(bytes, start, cs);
  }

  /**
   * The bytes from {@code start} decoded in {@code cs}; the first malformed byte is an error with
   * its offset.
   */
  static char[] strict(byte[] bytes, int start, Charset cs) {
    CharsetDecoder d =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out =
        CharBuffer.allocate((int) ((bytes.length - start) * (double) d.maxCharsPerByte()) + 16);
    CoderResult r = d.decode(in, out, true);
    if (!r.isError()) {
      r = d.flush(out);
    }
    if (r.isError()) {
      throw new RejectedReportException("invalid " + cs.name() + " at byte " + in.position());
    }
    out.flip();
    char[] chars = new char[out.remaining()];
    out.get(chars);
    return chars;
  }

  private AggregateReport read(XMLStreamReader xml) throws XMLStreamException {
    String[] path = new String[16];
    int depth = 0;
    StringBuilder text = new StringBuilder();
    String format = "rfc7489";
    Meta meta = new Meta();
    Row row = null;
    AuthBuilder auth = null;
    List<ReportRecord> records = new ArrayList<>();
    while (xml.hasNext()) {
      int ev = xml.next();
      switch (ev) {
        case XMLStreamConstants.DTD ->
            throw new RejectedReportException(
                "a DOCTYPE is not allowed in a report (DTDs and entities are refused)");
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw new RejectedReportException(
                "entity reference &" + xml.getLocalName() + "; is not allowed in a report");
        case XMLStreamConstants.START_ELEMENT -> {
          String name = xml.getLocalName();
          if (depth == 0) {
            if (!name.equals("feedback")) {
              throw new RejectedReportException(
                  "not a DMARC aggregate report: the root element is <"
                      + name
                      + ">, expected <feedback>");
            }
            if (DMARCBIS_NS.equals(xml.getNamespaceURI())) {
              format = "dmarcbis";
            }
          }
          if (depth >= path.length) {
            throw new RejectedReportException(
                "XML nested deeper than " + path.length + " elements");
          }
          path[depth++] = name;
          text.setLength(0);
          if (depth == 2 && name.equals("record")) {
            if (records.size() >= maxRecords) {
              throw new RejectedReportException(
                  "more than " + maxRecords + " records in one report");
            }
            row = new Row();
          } else if (depth == 4
              && row != null
              && path[2].equals("auth_results")
              && (name.equals("dkim") || name.equals("spf"))) {
            auth = new AuthBuilder();
          }
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            text.append(xml.getText());
        case XMLStreamConstants.END_ELEMENT -> {
          String value = text.toString().strip();
          text.setLength(0);
          if (depth == 2 && path[1].equals("record") && row != null) {
            records.add(row.build(records.size() + 1));
            row = null;
          } else if (depth == 4 && auth != null) {
            (path[3].equals("dkim") ? row.dkimResults : row.spfResults).add(auth.build());
            auth = null;
          } else if (!value.isEmpty()) {
            leaf(path, depth, value, meta, row, auth);
          }
          depth--;
        }
        default -> {
          // comments, processing instructions
        }
      }
    }
    return meta.build(records, format);
  }

  private static void leaf(String[] p, int depth, String v, Meta meta, Row row, AuthBuilder auth) {
    String name = p[depth - 1];
    String section = depth >= 2 ? p[1] : "";
    if (section.equals("report_metadata")) {
      switch (name) {
        case "org_name" -> meta.org = v;
        case "report_id" -> meta.reportId = v;
        case "begin" -> meta.begin = epoch("report_metadata.date_range.begin", v);
        case "end" -> meta.end = epoch("report_metadata.date_range.end", v);
        default -> {}
      }
    } else if (section.equals("policy_published") && depth == 3) {
      switch (name) {
        case "domain" -> meta.domain = v.toLowerCase(Locale.ROOT);
        case "adkim" -> meta.adkim = lower(v);
        case "aspf" -> meta.aspf = lower(v);
        case "p" -> meta.p = lower(v);
        case "sp" -> meta.sp = lower(v);
        case "np" -> meta.np = lower(v);
        case "pct" -> meta.pct = pct(v);
        default -> {}
      }
    } else if (row != null && section.equals("record")) {
      if (auth != null && depth == 5) {
        switch (name) {
          case "domain" -> auth.domain = v.toLowerCase(Locale.ROOT);
          case "result" -> auth.result = lower(v);
          case "selector", "scope" -> auth.detail = v;
          default -> {}
        }
        return;
      }
      switch (name) {
        case "source_ip" -> row.sourceIp = v;
        case "count" -> row.count = v;
        case "disposition" -> row.disposition = lower(v);
        case "dkim" ->
            row.dkim = depth == 5 && p[3].equals("policy_evaluated") ? lower(v) : row.dkim;
        case "spf" -> row.spf = depth == 5 && p[3].equals("policy_evaluated") ? lower(v) : row.spf;
        case "header_from" -> row.headerFrom = v.toLowerCase(Locale.ROOT);
        case "envelope_from" -> row.envelopeFrom = v.toLowerCase(Locale.ROOT);
        default -> {}
      }
    }
  }

  private static String lower(String v) {
    return v.toLowerCase(Locale.ROOT);
  }

  private static Instant epoch(String field, String v) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new RejectedReportException(
          field + ": '" + clip(v) + "' is not a Unix time in seconds");
    }
  }

  private static Integer pct(String v) {
    try {
      int n = Integer.parseInt(v);
      return n < 0 || n > 100 ? null : n;
    } catch (NumberFormatException e) {
      return null; // optional, and gone in DMARCbis: a bad value reads as absent
    }
  }

  static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return clip((nl < 0 ? s : s.substring(s.lastIndexOf('\n') + 1)).strip());
  }

  private static final class Meta {
    String org;
    String reportId;
    Instant begin;
    Instant end;
    String domain;
    String adkim;
    String aspf;
    String p;
    String sp;
    String np;
    Integer pct;

    AggregateReport build(List<ReportRecord> records, String format) {
      List<String> missing = new ArrayList<>();
      if (org == null) {
        missing.add("report_metadata.org_name");
      }
      if (reportId == null) {
        missing.add("report_metadata.report_id");
      }
      if (begin == null || end == null) {
        missing.add("report_metadata.date_range");
      }
      if (domain == null) {
        missing.add("policy_published.domain");
      }
      if (!missing.isEmpty()) {
        throw new RejectedReportException(
            "required field(s) missing: " + String.join(", ", missing));
      }
      return new AggregateReport(
          org,
          reportId,
          begin,
          end,
          new PolicyPublished(domain, adkim, aspf, p, sp, pct, np),
          List.copyOf(records),
          format);
    }
  }

  private static final class Row {
    String sourceIp;
    String count;
    String disposition;
    String dkim;
    String spf;
    String headerFrom;
    String envelopeFrom;
    final List<AuthResult> dkimResults = new ArrayList<>();
    final List<AuthResult> spfResults = new ArrayList<>();

    ReportRecord build(int n) {
      String at = "record[" + n + "]";
      if (sourceIp == null) {
        throw new RejectedReportException(at + ".row.source_ip: missing");
      }
      if (!validIp(sourceIp)) {
        throw new RejectedReportException(
            at + ".row.source_ip: '" + clip(sourceIp) + "' is not an IP address");
      }
      long c;
      try {
        c = Long.parseLong(count == null ? "" : count);
      } catch (NumberFormatException e) {
        throw new RejectedReportException(
            at + ".row.count: '" + clip(String.valueOf(count)) + "' is not a number");
      }
      if (c < 0) {
        throw new RejectedReportException(at + ".row.count: negative");
      }
      return new ReportRecord(
          sourceIp,
          c,
          disposition == null ? "none" : disposition,
          dkim == null ? "none" : dkim,
          spf == null ? "none" : spf,
          headerFrom,
          envelopeFrom,
          List.copyOf(dkimResults),
          List.copyOf(spfResults));
    }
  }

  private static final class AuthBuilder {
    String domain;
    String result;
    String detail;

    AuthResult build() {
      return new AuthResult(domain, result == null ? "none" : result, detail);
    }
  }

  /**
   * A literal IPv4 or IPv6 address (no name lookups: only digits, hex, dots and colons reach the
   * JDK).
   */
  static boolean validIp(String s) {
    if (s.isEmpty() || s.length() > 45 || !s.matches("[0-9A-Fa-f:.]+")) {
      return false;
    }
    if (s.indexOf(':') < 0 && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return false;
    }
    try {
      InetAddress.getByName(s);
      return s.indexOf(':') >= 0
          || java.util.Arrays.stream(s.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
