package dev.sesops.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.json and the router describe the same API: every route is documented and nothing
 * else is.
 */
class OpenApiDocumentTest {
  private static final Path DOC = Path.of("..", "docs", "openapi.json");
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @Test
  void document_andRouter_haveTheSameMethodsAndPaths() throws IOException {
    JsonNode doc = Json.read(Files.readString(DOC));
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    Set<String> documented = new TreeSet<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          if (METHODS.contains(m)) {
                            documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
                          }
                        }));
    Set<String> routed = new TreeSet<>();
    new ApiFixture()
        .api
        .router()
        .routes()
        .forEach(r -> routed.add(r.method() + " " + r.template()));
    assertThat(documented).isEqualTo(routed);
  }

  @Test
  void document_declaresEveryPathParameter_andTheErrorModel() throws IOException {
    JsonNode doc = Json.read(Files.readString(DOC));
    assertThat(doc.at("/components/schemas/Error/properties/error/required")).hasSize(3);
    doc.path("paths")
        .fields()
        .forEachRemaining(
            p -> {
              java.util.List<String> vars = new ArrayList<>();
              java.util.regex.Matcher m =
                  java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(p.getKey());
              while (m.find()) {
                vars.add(m.group(1));
              }
              p.getValue()
                  .fields()
                  .forEachRemaining(
                      op -> {
                        Set<String> declared = new TreeSet<>();
                        op.getValue()
                            .path("parameters")
                            .forEach(
                                x -> {
                                  if (x.path("in").asText().equals("path")) {
                                    declared.add(x.path("name").asText());
                                  }
                                });
                        assertThat(declared)
                            .as(op.getKey() + " " + p.getKey())
                            .containsExactlyInAnyOrderElementsOf(vars);
                        assertThat(op.getValue().path("responses").has("400"))
                            .as(op.getKey() + " " + p.getKey())
                            .isTrue();
                      });
            });
  }
}
