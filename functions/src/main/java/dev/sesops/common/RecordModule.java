package dev.sesops.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Records written from their components, in declaration order, named by the mapper's naming
 * strategy, nulls left out: what Jackson's bean serializer writes for them, without its
 * introspection of each record class (fields, methods, creators, annotations), a fifth of a monitor
 * run's cold CPU time. Components marked {@code @JsonIgnore} are left out, as Jackson does. A
 * record Jackson might write differently is left to Jackson: one with any other Jackson annotation
 * (on the class, a component, its field or accessor), a getter-named method (getX, isX) Jackson
 * would add as a property, or {@link JsonSerializable}. {@code RecordModuleTest} compares both on
 * every record of the code base.
 */
final class RecordModule extends SimpleModule {
  RecordModule() {
    super("ses-ops-records");
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addSerializers(
        new Serializers.Base() {
          @Override
          public JsonSerializer<?> findSerializer(
              SerializationConfig config, JavaType type, BeanDescription beanDesc) {
            Class<?> c = type.getRawClass();
            if (!c.isRecord()
                || !(config.getPropertyNamingStrategy()
                    instanceof PropertyNamingStrategies.NamingBase naming)) {
              return null;
            }
            return ComponentSerializer.of(c, naming);
          }
        });
  }

  static final class ComponentSerializer extends JsonSerializer<Object> {
    private final SerializableString[] names;
    private final Method[] accessors;

    private ComponentSerializer(SerializableString[] names, Method[] accessors) {
      this.names = names;
      this.accessors = accessors;
    }

    /** The serializer of record class {@code c}, or null when Jackson's own one must write it. */
    static ComponentSerializer of(Class<?> c, PropertyNamingStrategies.NamingBase naming) {
      if (JsonSerializable.class.isAssignableFrom(c) || jackson(c) || hasGetterNamedMethod(c)) {
        return null;
      }
      List<SerializableString> names = new ArrayList<>();
      List<Method> accessors = new ArrayList<>();
      for (RecordComponent rc : c.getRecordComponents()) {
        Method accessor = rc.getAccessor();
        AnnotatedElement[] sites = {rc, accessor, field(c, rc.getName())};
        if (ignored(sites)) {
          continue;
        }
        if (jackson(sites)) {
          return null;
        }
        try {
          accessor.setAccessible(true); // as Jackson does: records nested in non-public classes
        } catch (RuntimeException e) {
          return null;
        }
        names.add(new SerializedString(naming.translate(rc.getName())));
        accessors.add(accessor);
      }
      return new ComponentSerializer(
          names.toArray(SerializableString[]::new), accessors.toArray(Method[]::new));
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject(value);
      for (int i = 0; i < accessors.length; i++) {
        Object v;
        try {
          v = accessors[i].invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw JsonMappingException.from(
              provider,
              "cannot read " + value.getClass().getSimpleName() + "." + accessors[i].getName(),
              e);
        }
        if (v != null) {
          gen.writeFieldName(names[i]);
          provider.defaultSerializeValue(v, gen);
        }
      }
      gen.writeEndObject();
    }
  }

  private static AnnotatedElement field(Class<?> c, String name) {
    try {
      return c.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  /** Whether any of the elements carries a Jackson annotation. */
  private static boolean jackson(AnnotatedElement... elements) {
    for (AnnotatedElement e : elements) {
      if (e == null) {
        continue;
      }
      for (Annotation a : e.getAnnotations()) {
        if (a.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A component marked {@code @JsonIgnore} (and with no other Jackson annotation), which Jackson
   * leaves out: the secrets of the config's records, the full lists behind a signal's value.
   */
  private static boolean ignored(AnnotatedElement... elements) {
    boolean ignore = false;
    for (AnnotatedElement e : elements) {
      if (e == null) {
        continue;
      }
      for (Annotation a : e.getAnnotations()) {
        if (a instanceof JsonIgnore j && j.value()) {
          ignore = true;
        } else if (a.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
          return false;
        }
      }
    }
    return ignore;
  }

  /** A public instance method Jackson's auto-detection would write as one more property. */
  private static boolean hasGetterNamedMethod(Class<?> c) {
    for (Method m : c.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())
          || m.getParameterCount() != 0
          || m.getDeclaringClass() == Object.class
          || m.getDeclaringClass() == Record.class) {
        continue;
      }
      String n = m.getName();
      boolean getter = n.startsWith("get") && n.length() > 3 && m.getReturnType() != void.class;
      boolean isGetter =
          n.startsWith("is")
              && n.length() > 2
              && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class);
      if (getter || isGetter) {
        return true;
      }
    }
    return false;
  }
}
