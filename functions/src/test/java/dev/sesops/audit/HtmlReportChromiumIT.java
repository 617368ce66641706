package dev.sesops.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML report opened in headless Chromium (Debian's {@code chromium}, installed by {@code
 * scripts/emulator.sh install}): it renders, a screenshot lands under target/, the chart is in the
 * rendered DOM (the score trend and the DMARC section's daily chart), a TXT value holding {@code
 * <script>} shows as text, and nothing is fetched: Chromium's only way out is a proxy on loopback
 * that counts connections (a control page with a remote image proves it counts).
 */
class HtmlReportChromiumIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path OUT = Path.of("target", "html-report");
  private static ServerSocket trap;
  private static final AtomicInteger connections = new AtomicInteger();
  private static final List<String> requests =
      java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() throws IOException {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new AssertionError(
          "chromium is not installed at "
              + CHROMIUM
              + ": run `scripts/emulator.sh install` (never skipped)");
    }
    Files.createDirectories(OUT);
    trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!trap.isClosed()) {
                try (Socket s = trap.accept()) {
                  connections.incrementAndGet();
                  s.setSoTimeout(2000);
                  byte[] buf = new byte[512];
                  int n = s.getInputStream().read(buf);
                  String first =
                      n <= 0
                          ? ""
                          : new String(buf, 0, n, StandardCharsets.ISO_8859_1).split("\r?\n", 2)[0];
                  requests.add(first);
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "network-trap");
    t.setDaemon(true);
    t.start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (trap != null) {
      trap.close();
    }
  }

  private static String chromium(Path page, String... mode) throws Exception {
    Path profile = Files.createTempDirectory("ses-ops-chromium");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--proxy-server=http://127.0.0.1:" + trap.getLocalPort(),
                "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--no-pings",
                "--disable-domain-reliability",
                "--window-size=1280,1800",
                "--virtual-time-budget=3000"));
    cmd.addAll(List.of(mode));
    cmd.add(page.toUri().toString());
    Path log = Files.createTempFile("ses-ops-chromium", ".log");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s");
    }
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  /**
   * Requests since {@code from}, less Chromium's own background services (Google update, time and
   * sign-in hosts).
   */
  private static List<String> pageRequests(int from) {
    List<String> all;
    synchronized (requests) {
      all = new ArrayList<>(requests.subList(from, requests.size()));
    }
    return all.stream()
        .filter(
            r ->
                !r.matches(
                    "\\S+ (https?://)?[a-z0-9.-]*(google\\.com|googleapis\\.com|gvt1\\.com)[:/].*"))
        .toList();
  }

  @Test
  void report_rendersInChromium_withTheChart_scriptAsText_andNoNetwork() throws Exception {
    Path page = OUT.resolve("report.html").toAbsolutePath();
    Files.writeString(page, HtmlReport.render(HtmlReportTest.sample()));
    Path shot = OUT.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    int before = requests.size();

    chromium(page, "--screenshot=" + shot);
    String dom = chromium(page, "--dump-dom");

    assertThat(shot).exists();
    assertThat(Files.size(shot)).isGreaterThan(10_000);
    byte[] png = Files.readAllBytes(shot);
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    assertThat(dom).contains("<svg id=\"score-trend\"").contains("<polyline class=\"trend\"");
    // the DMARC section: verdict, record and the daily chart, rendered from inline SVG alone
    assertThat(dom)
        .contains("p=none to p=quarantine: 99.8% of 1,243 messages aligned")
        .contains("v=DMARC1; p=quarantine; rua=mailto:dmarc@reports.example.com")
        .contains("<svg id=\"dmarc-chart-0\"")
        .contains("<rect class=\"bar-unknown\"")
        .contains("<polyline class=\"pass-rate\"")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;.test");
    // the TXT value is text in the page: escaped in the DOM, never an element, never run
    assertThat(dom)
        .contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;")
        .doesNotContain("<script");
    assertThat(dom).contains("<title>ses-ops audit: prod&lt;b&gt;</title>");
    // Chromium's own update and sign-in pings (which the flags do not all silence) end at the trap
    // too; the page asked for nothing
    List<String> byPage = pageRequests(before);
    assertThat(byPage).as("requests the report made").isEmpty();
  }

  @Test
  void trap_countsAFetch_soTheNoNetworkCheckCanFail() throws Exception {
    Path page = OUT.resolve("control.html").toAbsolutePath();
    Files.writeString(
        page,
        "<!DOCTYPE html><html><body><img src=\"http://assets.example.test/logo.png\"></body></html>");
    int before = requests.size();
    chromium(page, "--dump-dom");
    assertThat(pageRequests(before)).anySatisfy(r -> assertThat(r).contains("assets.example.test"));
  }
}
