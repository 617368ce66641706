package dev.sesops.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The one JSON mapper: snake_case names, ISO timestamps, nulls left out. */
public final class Json {
  public static final ObjectMapper MAPPER = mapper(true);

  /**
   * {@code records}: records written by {@link RecordModule} (false: by Jackson's bean serializer,
   * for tests).
   */
  static ObjectMapper mapper(boolean records) {
    ObjectMapper m =
        new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new TimeModule());
    return records ? m.registerModule(new RecordModule()) : m;
  }

  private Json() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write JSON for " + value.getClass().getSimpleName(), e);
    }
  }

  public static String pretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write JSON for " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Parses a JSON document; a syntax error becomes {@link BadInputException} with line and column
   * only.
   */
  public static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadInputException("not valid JSON" + location(e));
    }
  }

  public static JsonNode read(InputStream in) {
    try {
      JsonNode node = MAPPER.readTree(in);
      return node == null ? MAPPER.createObjectNode() : node;
    } catch (JsonProcessingException e) {
      throw new BadInputException("not valid JSON" + location(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A value as a JSON object of plain maps, lists and scalars, in this mapper's names: what a typed
   * handler returns for the runtime to write as it is.
   */
  public static java.util.Map<String, Object> asMap(Object value) {
    return MAPPER.convertValue(value, AS_MAP);
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<
          java.util.LinkedHashMap<String, Object>>
      AS_MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {};

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  private static String location(JsonProcessingException e) {
    // never the message itself: it quotes the input, which may hold a secret
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
