package dev.sesops.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Validates the {@code dmarc} block; every problem carries its JSON path. */
final class DmarcParser {
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._&()+-]{1,64}");
  private static final Pattern RUA = Pattern.compile("mailto:[^\\s;,!]{3,254}");

  private DmarcParser() {}

  static DmarcConfig parse(JsonNode node, List<String> problems) {
    DmarcConfig d = DmarcConfig.defaults();
    if (node.isMissingNode() || node.isNull()) {
      return d;
    }
    if (!node.isObject()) {
      problems.add("dmarc: expected an object");
      return d;
    }
    List<DmarcConfig.KnownSender> senders = new ArrayList<>();
    JsonNode ks = node.path("known_senders");
    if (!ks.isMissingNode() && !ks.isNull()) {
      if (!ks.isArray()) {
        problems.add(
            "dmarc.known_senders: expected a list of {\"name\", \"ip_ranges\" and/or \"spf_include\"}");
      } else {
        for (int i = 0; i < ks.size(); i++) {
          DmarcConfig.KnownSender s = sender(ks.get(i), "dmarc.known_senders[" + i + "]", problems);
          if (s != null) {
            senders.add(s);
          }
        }
      }
    }
    double percent = number(node, "ses_failure_percent", d.sesFailurePercent(), 0, 100, problems);
    long min = (long) number(node, "min_messages", d.minMessages(), 0, 1e12, problems);
    long unknown =
        (long)
            number(
                node,
                "unknown_sender_min_messages",
                d.unknownSenderMinMessages(),
                0,
                1e12,
                problems);
    String rua = null;
    JsonNode r = node.path("rua");
    if (!r.isMissingNode() && !r.isNull()) {
      if (!r.isTextual() || !RUA.matcher(r.asText()).matches()) {
        problems.add("dmarc.rua: expected a mailto: URI (mailto:dmarc@reports.example.com)");
      } else {
        rua = r.asText();
      }
    }
    return new DmarcConfig(List.copyOf(senders), percent, min, unknown, rua);
  }

  private static DmarcConfig.KnownSender sender(JsonNode n, String path, List<String> problems) {
    if (!n.isObject()) {
      problems.add(path + ": expected an object");
      return null;
    }
    int before = problems.size();
    String name = n.path("name").asText("");
    if (!n.path("name").isTextual() || !NAME.matcher(name).matches()) {
      problems.add(path + ".name: expected a name of 1-64 letters, digits, spaces or ._&()+-");
    }
    List<Cidr> ranges = new ArrayList<>();
    JsonNode ir = n.path("ip_ranges");
    if (!ir.isMissingNode() && !ir.isNull()) {
      if (!ir.isArray()) {
        problems.add(path + ".ip_ranges: expected a list of CIDR ranges");
      } else {
        for (int i = 0; i < ir.size(); i++) {
          JsonNode v = ir.get(i);
          var c = v.isTextual() ? Cidr.parse(v.asText()) : java.util.Optional.<Cidr>empty();
          if (c.isEmpty()) {
            problems.add(
                path
                    + ".ip_ranges["
                    + i
                    + "]: not an IPv4 or IPv6 range (198.51.100.0/24, 2001:db8::/32)");
          } else {
            ranges.add(c.get());
          }
        }
      }
    }
    String include = null;
    JsonNode si = n.path("spf_include");
    if (!si.isMissingNode() && !si.isNull()) {
      if (!si.isTextual()
          || !ConfigParser.DOMAIN
              .matcher(si.asText().toLowerCase(java.util.Locale.ROOT))
              .matches()) {
        problems.add(path + ".spf_include: expected a domain name (e.g. mail.zendesk.com)");
      } else {
        include = si.asText().toLowerCase(java.util.Locale.ROOT);
      }
    }
    if (ranges.isEmpty() && include == null && problems.size() == before) {
      problems.add(path + ": needs ip_ranges or spf_include");
    }
    return problems.size() == before
        ? new DmarcConfig.KnownSender(name, List.copyOf(ranges), include)
        : null;
  }

  private static double number(
      JsonNode node, String field, double dflt, double min, double max, List<String> problems) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return dflt;
    }
    if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
      problems.add("dmarc." + field + ": expected a number from " + fmt(min) + " to " + fmt(max));
      return dflt;
    }
    return v.asDouble();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
