package dev.sesops.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * One object in, every report in it out: unpacks it ({@link ReportUnpacker}) and reads each
 * document as a DMARC aggregate (XML) or TLS-RPT (JSON) report. A bad document is a {@link
 * ParsedObject.Rejection} with its reason; the other documents of the same object are still read.
 */
final class ReportParser {
  private final ReportUnpacker unpacker;
  private final DmarcXmlParser xml;
  private final TlsRptParser json = new TlsRptParser();

  ReportParser(ReportLimits limits) {
    this.unpacker = new ReportUnpacker(limits);
    this.xml = new DmarcXmlParser(limits.maxRecords());
  }

  ParsedObject parse(String key, byte[] object) {
    List<AggregateReport> dmarc = new ArrayList<>();
    List<TlsReport> tls = new ArrayList<>();
    List<ParsedObject.Rejection> rejected = new ArrayList<>();
    List<ReportUnpacker.Document> docs;
    try {
      docs = unpacker.unpack(key, object);
    } catch (RejectedReportException e) {
      return new ParsedObject(
          key, List.of(), List.of(), List.of(new ParsedObject.Rejection(key, e.getMessage())));
    }
    for (ReportUnpacker.Document d : docs) {
      try {
        if (d.kind() == ReportUnpacker.Kind.XML) {
          dmarc.add(xml.parse(d.bytes()));
        } else {
          tls.add(json.parse(d.bytes()));
        }
      } catch (RejectedReportException e) {
        rejected.add(new ParsedObject.Rejection(d.name(), e.getMessage()));
      }
    }
    return new ParsedObject(key, List.copyOf(dmarc), List.copyOf(tls), List.copyOf(rejected));
  }
}
