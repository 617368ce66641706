package dev.sesops.common;

import java.util.Objects;
import java.util.function.Supplier;

/** Builds a value on first use and keeps it (thread-safe): services a container may never need. */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> build;
  private T value;

  private Lazy(Supplier<T> build) {
    this.build = Objects.requireNonNull(build, "build");
  }

  public static <T> Lazy<T> of(Supplier<T> build) {
    return new Lazy<>(build);
  }

  /** Whether the value has been built (a close that must not build it first). */
  public synchronized boolean built() {
    return value != null;
  }

  @Override
  public synchronized T get() {
    if (value == null) {
      value = build.get();
    }
    return value;
  }
}
