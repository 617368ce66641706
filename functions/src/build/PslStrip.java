import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build step (issue 15): copies the Public Suffix List out of the crawler-commons jar without its
 * comment lines (about half of the file, 46 KB of the Lambda jar) for dev.sesops.audit.PublicSuffixList.
 * Usage: java PslStrip.java CRAWLER_COMMONS_JAR OUTPUT_FILE
 */
public class PslStrip {
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path out = Path.of(args[1]);
    List<String> kept = new ArrayList<>();
    kept.add("// The Public Suffix List (publicsuffix.org, MPL 2.0) from " + jar.getFileName() + ", comment lines removed");
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry e = zip.getEntry("effective_tld_names.dat");
      if (e == null) {
        throw new IllegalStateException(jar + " has no effective_tld_names.dat");
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(zip.getInputStream(e), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          String s = line.strip();
          if (!s.isEmpty() && !s.startsWith("//")) {
            kept.add(s);
          }
        }
      }
    }
    if (kept.size() < 5000) {
      throw new IllegalStateException("only " + kept.size() + " rules: not the Public Suffix List");
    }
    Files.createDirectories(out.getParent());
    Files.write(out, kept, StandardCharsets.UTF_8);
    System.out.println("[PslStrip] " + out + ": " + (kept.size() - 1) + " rules");
  }
}
