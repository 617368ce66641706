package dev.sesops.suppression;

import dev.sesops.common.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trails and import sources in memory, keyed by s3:// URI. */
final class InMemoryTrailStore implements TrailStore {
  final Map<String, byte[]> objects = new LinkedHashMap<>();
  boolean failUploads;

  @Override
  public String bucket() {
    return "reports-bucket";
  }

  @Override
  public void upload(S3Location where, Path file) {
    if (failUploads) {
      throw new TrailException("cannot write " + where + ": AccessDenied (HTTP 403)", null);
    }
    try {
      objects.put(where.toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void download(S3Location where, Path file) {
    byte[] b = objects.get(where.toString());
    if (b == null) {
      throw new NotFoundException(where + " does not exist");
    }
    try {
      Files.write(file, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> lines(String uri) {
    byte[] b = objects.get(uri);
    if (b == null) {
      throw new IllegalStateException("no object " + uri);
    }
    return new String(b, StandardCharsets.UTF_8).lines().toList();
  }

  void put(String uri, String text) {
    objects.put(uri, text.getBytes(StandardCharsets.UTF_8));
  }
}
