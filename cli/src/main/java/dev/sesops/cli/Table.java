package dev.sesops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints an API answer for people: scalars as aligned "key value" lines, lists of objects as
 * tables.
 */
final class Table {
  private static final int MAX_CELL = 60;

  private Table() {}

  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String GREEN = "\u001b[32m";
  private static final String RESET = "\u001b[0m";

  static void print(JsonNode body, PrintStream out) {
    print(body, out, false);
  }

  /**
   * @param color ANSI colour: bold headings, levels in red, yellow, green
   */
  static void print(JsonNode body, PrintStream out, boolean color) {
    object(body, "", out, color);
  }

  /** A list of objects as one table. */
  static void rows(JsonNode rows, PrintStream out, boolean color) {
    table(rows, "", out, color);
  }

  private static void object(JsonNode node, String indent, PrintStream out, boolean color) {
    int width = 0;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (isScalar(node.get(k)) || isScalarList(node.get(k))) {
        width = Math.max(width, k.length());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (isScalar(v) || isScalarList(v)) {
        out.println(
            indent + pad(e.getKey(), width) + "  " + paint(cell(v, Integer.MAX_VALUE), color));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        out.println();
        out.println(indent + bold(e.getKey() + ":", color));
        object(v, indent + "  ", out, color);
      } else if (v.isArray() && !isScalarList(v)) {
        out.println();
        out.println(indent + bold(e.getKey() + " (" + v.size() + "):", color));
        table(v, indent + "  ", out, color);
      }
    }
  }

  private static void table(JsonNode rows, String indent, PrintStream out, boolean color) {
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(r -> r.fieldNames().forEachRemaining(columns::add));
    List<String> cols = new ArrayList<>(columns);
    int[] widths = new int[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      widths[i] = cols.get(i).length();
      for (JsonNode r : rows) {
        widths[i] = Math.max(widths[i], cell(r.path(cols.get(i)), MAX_CELL).length());
      }
    }
    StringBuilder head = new StringBuilder(indent);
    for (int i = 0; i < cols.size(); i++) {
      head.append(pad(cols.get(i).toUpperCase(java.util.Locale.ROOT), widths[i])).append("  ");
    }
    out.println(indent + bold(head.substring(indent.length()).stripTrailing(), color));
    for (JsonNode r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < cols.size(); i++) {
        String c = cell(r.path(cols.get(i)), MAX_CELL);
        // pad first, then colour: escape codes must not count as width
        line.append(paint(c, color))
            .append(" ".repeat(Math.max(0, widths[i] - c.length())))
            .append("  ");
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String bold(String s, boolean color) {
    return color ? BOLD + s + RESET : s;
  }

  /** Levels in colour: CRITICAL and HIGH red, WARNING and MEDIUM yellow, OK and HEALTHY green. */
  private static String paint(String s, boolean color) {
    if (!color) {
      return s;
    }
    return switch (s) {
      case "CRITICAL", "HIGH", "SHUTDOWN", "PROBATION" -> RED + s + RESET;
      case "WARNING", "MEDIUM" -> YELLOW + s + RESET;
      case "OK", "HEALTHY" -> GREEN + s + RESET;
      default -> s;
    };
  }

  private static boolean isScalar(JsonNode v) {
    return v.isValueNode() || v.isNull();
  }

  private static boolean isScalarList(JsonNode v) {
    if (!v.isArray()) {
      return false;
    }
    for (JsonNode x : v) {
      if (!isScalar(x)) {
        return false;
      }
    }
    return true;
  }

  private static String cell(JsonNode v, int max) {
    String s;
    if (v == null || v.isMissingNode() || v.isNull()) {
      s = "-";
    } else if (v.isArray() && isScalarList(v)) {
      List<String> parts = new ArrayList<>();
      v.forEach(x -> parts.add(x.asText()));
      s = parts.isEmpty() ? "(none)" : String.join(", ", parts);
    } else if (v.isValueNode()) {
      s = v.asText();
    } else {
      s = v.toString();
    }
    s = s.replaceAll("\\p{Cntrl}", " ");
    return s.length() > max ? s.substring(0, max - 3) + "..." : s;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
