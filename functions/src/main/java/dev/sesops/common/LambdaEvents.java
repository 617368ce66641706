package dev.sesops.common;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.List;
import org.joda.time.DateTime;

/**
 * The Lambda events library's types ({@code aws-lambda-java-events}) from and to the JSON Lambda
 * sends and expects, for what runs them outside Lambda: {@code invoke}, the fleet's local runner,
 * the local server and the tests. On Lambda the java21 runtime deserializes them itself.
 *
 * <p>Jackson with the events types' own bean names, plus the few names AWS spells otherwise ({@code
 * Records}, {@code eventSourceARN}, {@code detail-type}, the ISO {@code time}): no second JSON
 * library in the jar, one mapper initialized on a cold start. {@code LambdaEventsTest} checks every
 * sample event under {@code events/} against the runtime's serializer ({@code
 * aws-lambda-java-serialization}, test scope).
 */
public final class LambdaEvents {
  private LambdaEvents() {}

  /** The mapper for events-library types; camelCase as AWS writes them, nulls left out. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .addMixIn(ScheduledEvent.class, ScheduledEventNames.class)
          .addMixIn(SQSEvent.class, SqsEventNames.class)
          .addMixIn(SQSEvent.SQSMessage.class, SqsMessageNames.class)
          .build();

  abstract static class ScheduledEventNames {
    @JsonProperty("detail-type")
    abstract String getDetailType();

    @JsonProperty("detail-type")
    abstract void setDetailType(String detailType);

    @JsonSerialize(using = IsoTime.class)
    abstract DateTime getTime();

    @JsonDeserialize(using = IsoTimeReader.class)
    abstract void setTime(DateTime time);
  }

  abstract static class SqsEventNames {
    @JsonProperty("Records")
    abstract List<SQSEvent.SQSMessage> getRecords();

    @JsonProperty("Records")
    abstract void setRecords(List<SQSEvent.SQSMessage> records);
  }

  abstract static class SqsMessageNames {
    @JsonProperty("eventSourceARN")
    abstract String getEventSourceArn();

    @JsonProperty("eventSourceARN")
    abstract void setEventSourceArn(String arn);
  }

  static final class IsoTime extends JsonSerializer<DateTime> {
    @Override
    public void serialize(DateTime value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(value.toString());
    }
  }

  static final class IsoTimeReader extends JsonDeserializer<DateTime> {
    @Override
    public DateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      try {
        return text == null || text.isBlank() ? null : DateTime.parse(text);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("time", "expected an ISO 8601 timestamp");
      }
    }
  }

  /** Reads an event; JSON that does not fit the type is {@link BadInputException}. */
  public static <T> T read(byte[] json, Class<T> type) {
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new BadInputException("event", "expected a JSON object, got null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new BadInputException("event", "does not fit " + type.getSimpleName() + where(e));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads an event from a JSON tree (tests and the fleet's local runner build them so). */
  public static <T> T read(JsonNode json, Class<T> type) {
    try {
      return MAPPER.treeToValue(json, type);
    } catch (JsonProcessingException e) {
      throw new BadInputException("event", "does not fit " + type.getSimpleName() + where(e));
    }
  }

  /** Writes a handler's result as Lambda would return it. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write JSON for " + value.getClass().getSimpleName(), e);
    }
  }

  /** The type a handler takes: the first parameter of its (non-bridge) {@code handleRequest}. */
  public static Class<?> inputType(RequestHandler<?, ?> handler) {
    for (Method m : handler.getClass().getMethods()) {
      if (m.getName().equals("handleRequest")
          && !m.isBridge()
          && m.getParameterCount() == 2
          && m.getParameterTypes()[1] == Context.class) {
        return m.getParameterTypes()[0];
      }
    }
    throw new IllegalArgumentException(handler.getClass().getName() + " has no handleRequest");
  }

  /**
   * A typed handler behind the stream interface, as the runtime runs it: the event read with {@link
   * #MAPPER}, the result written with it.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static RequestStreamHandler asStream(RequestHandler<?, ?> handler) {
    Class<?> type = inputType(handler);
    return (InputStream in, OutputStream out, Context context) -> {
      Object event = read(in.readAllBytes(), type);
      Object result = ((RequestHandler) handler).handleRequest(event, context);
      out.write(
          result == null
              ? "null".getBytes(java.nio.charset.StandardCharsets.UTF_8)
              : write(result));
    };
  }

  private static String where(JsonProcessingException e) {
    String path =
        e instanceof com.fasterxml.jackson.databind.JsonMappingException m
            ? m.getPathReference()
            : null;
    return path == null ? "" : " (at " + path.replaceAll("^[^\\[]*", "") + ")";
  }
}
