package dev.sesops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sesops.common.Json;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How an answer is printed: {@code --output table|json|yaml|text} (table when stdout is a terminal,
 * JSON when it is not), after {@code --query} (JMESPath on the API's JSON). Colour only on a
 * terminal and never with NO_COLOR set.
 */
final class Output {
  enum Format {
    TABLE,
    JSON,
    YAML,
    TEXT
  }

  /** Built on the first --query only: a command without one loads none of JMESPath. */
  private static final class Jmespath {
    static final JacksonRuntime RUNTIME = new JacksonRuntime();
  }

  private final Format format;
  private final boolean explicit;
  private final Expression<JsonNode> query;
  private final boolean color;

  private Output(Format format, boolean explicit, Expression<JsonNode> query, boolean color) {
    this.format = format;
    this.explicit = explicit;
    this.query = query;
    this.color = color;
  }

  /**
   * @param output --output as given, or null
   * @param json --json (the old spelling of --output json)
   * @param query --query as given, or null
   * @param terminal stdout is a terminal
   */
  static Output of(
      String output, boolean json, String query, boolean terminal, Map<String, String> env) {
    Format f;
    boolean explicit = output != null || json;
    if (output != null) {
      try {
        f = Format.valueOf(output.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UsageException(null, "--output must be table, json, yaml or text");
      }
      if (json && f != Format.JSON) {
        throw new UsageException(null, "--json and --output " + output + " contradict each other");
      }
    } else {
      f = json || !terminal ? Format.JSON : Format.TABLE;
    }
    Expression<JsonNode> q = null;
    if (query != null) {
      try {
        q = Jmespath.RUNTIME.compile(query);
      } catch (JmesPathException e) {
        throw new UsageException(
            null,
            "--query is not a JMESPath expression: "
                + Commands.printable(firstLine(e.getMessage())));
      }
    }
    String noColor = env.get("NO_COLOR");
    boolean color =
        terminal
            && f == Format.TABLE
            && (noColor == null || noColor.isEmpty())
            && !"dumb".equals(env.get("TERM"));
    return new Output(f, explicit, q, color);
  }

  Format format() {
    return format;
  }

  /**
   * --output or --json was given (an error body is then printed on stdout too, for scripts that
   * asked for JSON).
   */
  boolean explicit() {
    return explicit;
  }

  boolean color() {
    return color;
  }

  void print(JsonNode body, PrintStream out) {
    JsonNode v = query == null ? body : query.search(body);
    if (v == null) {
      v = Json.MAPPER.nullNode();
    }
    switch (format) {
      case JSON -> out.println(Json.pretty(v));
      case YAML -> out.print(yaml(v));
      case TEXT -> text(v, out);
      case TABLE -> {
        if (v.isObject()) {
          Table.print(v, out, color);
        } else if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
          Table.rows(v, out, color);
        } else {
          text(v, out);
        }
      }
    }
  }

  static String yaml(JsonNode v) {
    try {
      return new YAMLMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }

  /**
   * Tab-separated, like the AWS CLI's text output: a scalar as is, a list one item a line, objects
   * as their values.
   */
  static void text(JsonNode v, PrintStream out) {
    if (v.isNull() || v.isMissingNode()) {
      out.println("None");
    } else if (v.isValueNode()) {
      out.println(v.asText());
    } else if (v.isArray()) {
      if (v.size() > 0 && v.get(0).isObject()) {
        Set<String> cols = new LinkedHashSet<>();
        v.forEach(r -> r.fieldNames().forEachRemaining(cols::add));
        for (JsonNode r : v) {
          List<String> cells = new ArrayList<>();
          cols.forEach(c -> cells.add(cell(r.path(c))));
          out.println(String.join("\t", cells));
        }
      } else {
        List<String> cells = new ArrayList<>();
        v.forEach(x -> cells.add(cell(x)));
        out.println(String.join("\t", cells));
      }
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isContainerNode()) {
          out.println(e.getKey().toUpperCase(Locale.ROOT));
          text(e.getValue(), out);
        } else {
          out.println(e.getKey() + "\t" + cell(e.getValue()));
        }
      }
    }
  }

  private static String cell(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return "None";
    }
    return (v.isValueNode() ? v.asText() : v.toString()).replaceAll("[\\t\\n\\r]", " ");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no detail)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
