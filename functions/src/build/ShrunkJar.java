import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step after ProGuard (run by functions/pom.xml with the java launcher, not part of the jar):
 * writes the final jar from the shaded jar, taking AWS SDK classes only where the shrunk jar still
 * has them and every other entry byte for byte from the shaded jar; then checks that each class a
 * META-INF/services file names is present, and reports the jar's size (reported, not capped: issue 24).
 *
 * <pre>java ShrunkJar.java SHADED_JAR SHRUNK_JAR OUT_JAR</pre>
 */
public final class ShrunkJar {
  private static final String SHRUNK_PREFIX = "software/amazon/awssdk/";
  /**
   * Not needed at run time: dependencies' Maven descriptors, the SDK warm-up providers we do not keep, and
   * SDK files no class reads (no class's constant pool names them): the Regions' endpoints.json (1.25 MB,
   * a code-generation input: the partitions are generated classes), sdk-core's second copy of mime.types at
   * the jar's root (Mimetype reads software/amazon/awssdk/core/util/mime.types) and S3's test cases.
   */
  private static final List<String> LEFT_OUT = List.of(
      "META-INF/maven/", "META-INF/services/software.amazon.awssdk.core.warmup.SdkWarmUpProvider",
      "software/amazon/awssdk/regions/internal/region/endpoints.json", "mime.types",
      "software/amazon/awssdk/services/s3/bucketaddressingsep/");

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: java ShrunkJar.java SHADED_JAR SHRUNK_JAR OUT_JAR");
      System.exit(2);
    }
    Path shaded = Path.of(args[0]);
    Path shrunk = Path.of(args[1]);
    Path out = Path.of(args[2]);
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    int kept = 0;
    int dropped = 0;
    List<String> problems = new ArrayList<>();
    try (ZipFile full = new ZipFile(shaded.toFile()); ZipFile small = new ZipFile(shrunk.toFile());
         ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
      zip.setLevel(9);
      for (Enumeration<? extends ZipEntry> e = full.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        boolean sdkClass = name.startsWith(SHRUNK_PREFIX) && name.endsWith(".class");
        if (LEFT_OUT.stream().anyMatch(name::startsWith)) {
          continue;
        }
        if (sdkClass && small.getEntry(name) == null) {
          dropped++;
          continue;
        }
        kept++;
        ZipEntry copy = new ZipEntry(name);
        copy.setTime(entry.getTime());
        zip.putNextEntry(copy);
        // the SDK class as ProGuard left it (unused members gone); anything else as it was
        ZipFile from = sdkClass ? small : full;
        try (InputStream in = from.getInputStream(from.getEntry(name))) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
      checkServices(full, small, problems);
    }
    long size = Files.size(tmp);
    if (!problems.isEmpty()) {
      Files.deleteIfExists(tmp);
      problems.forEach(p -> System.err.println("[ShrunkJar] " + p));
      System.exit(1);
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    System.out.printf("[ShrunkJar] %s: %d entries kept, %d unused SDK classes dropped, %.1f MB (reported, not capped)%n",
        out, kept, dropped, size / 1e6);
  }

  /** Every provider a services file names must still be in the jar: ServiceLoader fails on a missing one. */
  private static void checkServices(ZipFile full, ZipFile small, List<String> problems) throws IOException {
    for (Enumeration<? extends ZipEntry> e = full.entries(); e.hasMoreElements(); ) {
      ZipEntry entry = e.nextElement();
      if (!entry.getName().startsWith("META-INF/services/") || entry.isDirectory()
          || LEFT_OUT.stream().anyMatch(entry.getName()::startsWith)) {
        continue;
      }
      String text;
      try (InputStream in = full.getInputStream(entry)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (String line : text.split("\n")) {
        String provider = line.replaceAll("#.*", "").trim();
        if (provider.isEmpty()) {
          continue;
        }
        String path = provider.replace('.', '/') + ".class";
        boolean present = path.startsWith(SHRUNK_PREFIX) ? small.getEntry(path) != null : inFull(full, path);
        if (!present) {
          problems.add(entry.getName() + " names " + provider + ", which the shrunk jar does not have (add a -keep rule)");
        }
      }
    }
  }

  /** At the root or in a multi-release folder (dnsjava's resolver provider lives in META-INF/versions/18). */
  private static boolean inFull(ZipFile full, String path) {
    return full.getEntry(path) != null
        || full.stream().anyMatch(e -> e.getName().startsWith("META-INF/versions/") && e.getName().endsWith("/" + path));
  }

  private ShrunkJar() {}
}
