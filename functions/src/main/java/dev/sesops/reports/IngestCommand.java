package dev.sesops.reports;

import dev.sesops.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code ingest-reports PATH...}: local report files (or folders of them) through the same service
 * as the function, storing into the configured bucket and state table. Prints the result JSON; exit
 * 1 when a file was rejected.
 */
public final class IngestCommand {
  private IngestCommand() {}

  /**
   * @param service the reports service for the environment, built by the composition root ({@code
   *     wiring.IngestReportsCommand}) once the arguments are good
   */
  public static int run(
      String[] args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      Function<Map<String, String>, ReportsService> service) {
    if (args.length == 0) {
      err.println(
          "usage: ingest-reports PATH...   (files or folders of .xml, .xml.gz, .zip, .eml, .json, .json.gz)");
      return 2;
    }
    List<ReportsService.StoredObject> objects = new ArrayList<>();
    for (String a : args) {
      Path p = Path.of(a);
      if (!Files.exists(p)) {
        err.println("ingest-reports: " + a + " does not exist");
        return 2;
      }
      try (Stream<Path> files = Files.isDirectory(p) ? Files.walk(p) : Stream.of(p)) {
        files
            .filter(Files::isRegularFile)
            .sorted()
            .forEach(f -> objects.add(new ReportsService.StoredObject("", f.toString())));
      } catch (IOException e) {
        err.println("ingest-reports: " + a + " cannot be listed: " + e.getClass().getSimpleName());
        return 2;
      }
    }
    ReportsService base = service.apply(env);
    IngestResult result;
    try {
      result = base.withObjects(new FileObjectSource()).ingest(objects);
    } catch (ReportsException e) {
      err.println("ingest-reports: " + e.getMessage());
      return 1;
    }
    out.println(Json.pretty(result));
    result.rejected().forEach(r -> err.println("rejected: " + r.key() + ": " + r.reason()));
    return result.rejected().isEmpty() ? 0 : 1;
  }

  /** Reads local files, the key being the path. */
  static final class FileObjectSource implements ObjectSource {
    @Override
    public byte[] read(String bucket, String key, long maxBytes) {
      try (InputStream in = Files.newInputStream(Path.of(key))) {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      } catch (IOException e) {
        throw new ReportsException(key + " not read: " + e.getClass().getSimpleName(), e);
      }
    }
  }
}
