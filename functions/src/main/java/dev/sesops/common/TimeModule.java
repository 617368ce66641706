package dev.sesops.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/** ISO-8601 for java.time, without the jsr310 module (one jar less, faster start). */
final class TimeModule extends SimpleModule {
  TimeModule() {
    super("ses-ops-time");
    addSerializer(Instant.class, new ToStringSerializer<>());
    addSerializer(LocalDate.class, new ToStringSerializer<>());
    addSerializer(Duration.class, new ToStringSerializer<>());
    addDeserializer(
        Instant.class,
        new JsonDeserializer<>() {
          @Override
          public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.currentToken().isNumeric()
                ? Instant.ofEpochMilli(p.getLongValue())
                : Instant.parse(p.getText());
          }
        });
    addDeserializer(
        LocalDate.class,
        new JsonDeserializer<>() {
          @Override
          public LocalDate deserialize(JsonParser p, DeserializationContext ctxt)
              throws IOException {
            return LocalDate.parse(p.getText());
          }
        });
  }

  private static final class ToStringSerializer<T> extends JsonSerializer<T> {
    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(value.toString());
    }
  }
}
