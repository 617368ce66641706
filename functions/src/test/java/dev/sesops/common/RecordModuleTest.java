package dev.sesops.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordModule} writes every record of the code base exactly as Jackson's bean serializer
 * does: each record class is built twice (every component set, from sample values, and every
 * nullable one null) and written by both mappers.
 */
class RecordModuleTest {
  private static final ObjectMapper OURS = Json.MAPPER;
  private static final ObjectMapper JACKSON = Json.mapper(false);

  @Test
  void everyRecordOfTheCodeBase_isWrittenAsJacksonWritesIt() throws Exception {
    List<Class<?>> records = records();
    List<String> different = new ArrayList<>();
    int compared = 0;
    for (Class<?> c : records) {
      for (boolean nulls : new boolean[] {false, true}) {
        Object value = build(c, nulls, 0);
        if (value == null) {
          continue;
        }
        String jackson = write(JACKSON, value);
        String ours = write(OURS, value);
        compared++;
        if (!jackson.equals(ours)) {
          different.add(
              c.getName()
                  + (nulls ? " (nulls)" : "")
                  + ":\n  jackson "
                  + jackson
                  + "\n  ours    "
                  + ours);
        }
      }
    }
    assertThat(different).as("records written differently").isEmpty();
    assertThat(records).hasSizeGreaterThan(120);
    assertThat(compared).as("record values compared").isGreaterThan(150);
  }

  @Test
  void componentMarkedJsonIgnore_isLeftOut() throws Exception {
    record Masked(String name, @com.fasterxml.jackson.annotation.JsonIgnore String secret) {}

    assertThat(
            RecordModule.ComponentSerializer.of(
                Masked.class,
                (com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase)
                    com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE))
        .isNotNull();
    assertThat(OURS.writeValueAsString(new Masked("a", "s3cret"))).isEqualTo("{\"name\":\"a\"}");
  }

  @Test
  void configRecords_neverWriteTheirSecrets() {
    dev.sesops.config.StaticKeys keys =
        new dev.sesops.config.StaticKeys(
            "AKIAEXAMPLE000000001",
            new dev.sesops.config.Secret("wJalrXUtnFEMI-secret"),
            new dev.sesops.config.Secret("session-token-secret"));

    assertThat(Json.write(keys))
        .contains("AKIAEXAMPLE000000001")
        .doesNotContain("wJalrXUtnFEMI")
        .doesNotContain("session-token");
  }

  @Test
  void recordWithAnotherJacksonAnnotation_isLeftToJackson() throws Exception {
    record Renamed(@com.fasterxml.jackson.annotation.JsonProperty("id") String name) {}

    assertThat(
            RecordModule.ComponentSerializer.of(
                Renamed.class,
                (com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase)
                    com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE))
        .isNull();
    assertThat(OURS.writeValueAsString(new Renamed("a")))
        .isEqualTo(JACKSON.writeValueAsString(new Renamed("a")))
        .contains("\"id\"");
  }

  @Test
  void recordWithAGetterNamedMethod_keepsThatProperty() throws Exception {
    record Rated(long sent, long bounced) {
      public double getRate() {
        return (double) bounced / sent;
      }
    }

    assertThat(OURS.writeValueAsString(new Rated(4, 1)))
        .isEqualTo(JACKSON.writeValueAsString(new Rated(4, 1)))
        .contains("\"rate\":0.25");
  }

  @Test
  void nestedRecordsListsAndMaps_areWrittenSnakeCaseWithoutNulls() throws Exception {
    record Inner(String checkName, Integer notSet) {}
    record Outer(String runId, List<Inner> items, Map<String, Inner> byName, Instant at) {}
    Outer o =
        new Outer(
            "r1",
            List.of(new Inner("quota", null)),
            Map.of("k", new Inner("x", 2)),
            Instant.parse("2026-01-02T03:04:05Z"));

    assertThat(OURS.writeValueAsString(o))
        .isEqualTo(
            "{\"run_id\":\"r1\",\"items\":[{\"check_name\":\"quota\"}],\"by_name\":{\"k\":{\"check_name\":\"x\",\"not_set\":2}},"
                + "\"at\":\"2026-01-02T03:04:05Z\"}");
  }

  private static String write(ObjectMapper m, Object value) {
    try {
      return m.writeValueAsString(value);
    } catch (Exception e) {
      return "threw " + e.getClass().getSimpleName();
    }
  }

  /** Every record class compiled from src/main (the directory or jar that holds Json). */
  private static List<Class<?>> records() throws URISyntaxException, java.io.IOException {
    Path root = Path.of(Json.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (!name.startsWith("dev.sesops.")) {
          continue;
        }
        try {
          Class<?> c = Class.forName(name, false, RecordModuleTest.class.getClassLoader());
          if (c.isRecord()) {
            out.add(c);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // not loadable on its own: not a record this test can build
        }
      }
    }
    return out;
  }

  /**
   * An instance of record {@code c} from sample values (or nulls), or null when its constructor
   * refuses them.
   */
  private static Object build(Class<?> c, boolean nulls, int depth) {
    RecordComponent[] rc = c.getRecordComponents();
    Class<?>[] types = new Class<?>[rc.length];
    Object[] args = new Object[rc.length];
    for (int i = 0; i < rc.length; i++) {
      types[i] = rc[i].getType();
      args[i] = nulls && !types[i].isPrimitive() ? null : sample(rc[i].getGenericType(), depth);
    }
    try {
      Constructor<?> k = c.getDeclaredConstructor(types);
      k.setAccessible(true);
      return k.newInstance(args);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Object sample(Type t, int depth) {
    if (t instanceof WildcardType w) {
      return sample(w.getUpperBounds()[0], depth);
    }
    if (t instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] a = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw) || raw == java.util.Collection.class) {
        Object e = sample(a[0], depth + 1);
        return e == null ? List.of() : List.of(e);
      }
      if (Set.class.isAssignableFrom(raw)) {
        Object e = sample(a[0], depth + 1);
        return e == null ? Set.of() : Set.of(e);
      }
      if (Map.class.isAssignableFrom(raw)) {
        Object k = sample(a[0], depth + 1);
        Object v = sample(a[1], depth + 1);
        Map<Object, Object> m = new LinkedHashMap<>();
        if (k != null && v != null) {
          m.put(k, v);
        }
        return m;
      }
      if (raw == Optional.class) {
        return Optional.ofNullable(sample(a[0], depth + 1));
      }
      return sample(raw, depth);
    }
    if (!(t instanceof Class<?> c)) {
      return null;
    }
    if (c == String.class || c == Object.class || c == CharSequence.class) {
      return "sample";
    }
    if (c == int.class || c == Integer.class) {
      return 7;
    }
    if (c == long.class || c == Long.class) {
      return 7L;
    }
    if (c == double.class || c == Double.class) {
      return 0.25;
    }
    if (c == float.class || c == Float.class) {
      return 0.5f;
    }
    if (c == boolean.class || c == Boolean.class) {
      return true;
    }
    if (c == short.class || c == Short.class) {
      return (short) 3;
    }
    if (c == byte.class || c == Byte.class) {
      return (byte) 3;
    }
    if (c == char.class || c == Character.class) {
      return 'c';
    }
    if (c == Instant.class) {
      return Instant.parse("2026-01-02T03:04:05Z");
    }
    if (c == LocalDate.class) {
      return LocalDate.parse("2026-01-02");
    }
    if (c == Duration.class) {
      return Duration.ofSeconds(90);
    }
    if (c.isEnum()) {
      return c.getEnumConstants().length == 0 ? null : c.getEnumConstants()[0];
    }
    if (c.isRecord() && depth < 3) {
      return build(c, false, depth + 1);
    }
    if (c == List.class) {
      return List.of("sample");
    }
    if (c == Map.class) {
      return Map.of("key", "sample");
    }
    return null;
  }
}
