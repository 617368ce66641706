package dev.sesops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real dnsmasq on 127.0.0.1 (UDP and TCP, a free high port) serving the given config lines;
 * close() kills it.
 *
 * <p>Record lines are dnsmasq options without the leading dashes, for example {@code
 * cname=tok._domainkey.example.com,tok.dkim.amazonses.com}, {@code
 * txt-record=_dmarc.example.com,"v=DMARC1; p=none"}, {@code
 * mx-host=mail.example.com,feedback-smtp.us-east-1.amazonses.com,10}, {@code
 * host-record=tok.dkim.amazonses.com,192.0.2.1}. Other names get REFUSED (no upstream), or NXDOMAIN
 * under a domain declared with {@code local=/example.com/}.
 *
 * <p>To make names time out, pass "slow" domains: dnsmasq forwards them to a UDP socket this class
 * holds open and never reads, so neither dnsmasq nor the client ever gets an answer (a closed port
 * would not do: the ICMP port-unreachable makes dnsmasq answer at once). {@code DnsmasqIT} proves
 * it.
 *
 * <p>{@link #records()} builds the same lines one record per call.
 */
public final class Dnsmasq implements AutoCloseable {

  /** Where Debian's dnsmasq-base puts the binary. */
  public static final Path BINARY = Path.of("/usr/sbin/dnsmasq");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 5;

  private final Process process;
  private final int port;
  private final Path workDir;
  private final DatagramSocket blackHole;

  private Dnsmasq(Process process, int port, Path workDir, DatagramSocket blackHole) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
    this.blackHole = blackHole;
  }

  /** Starts dnsmasq serving {@code recordLines}; returns once it answers queries. */
  public static Dnsmasq start(String... recordLines) {
    return start(List.of(recordLines), List.of());
  }

  /**
   * Starts dnsmasq serving {@code recordLines}, with every name under {@code slowDomains} timing
   * out.
   */
  public static Dnsmasq start(List<String> recordLines, List<String> slowDomains) {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(
          "dnsmasq is not installed at "
              + BINARY
              + ": run `scripts/emulator.sh install`"
              + " (or `apt-get install dnsmasq-base`). Tests are never skipped for it.");
    }
    Path workDir = null;
    DatagramSocket blackHole = null;
    try {
      workDir = Files.createTempDirectory("ses-ops-dnsmasq");
      List<String> config = new ArrayList<>(recordLines);
      if (!slowDomains.isEmpty()) {
        blackHole = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        for (String domain : slowDomains) {
          config.add("server=/" + domain + "/127.0.0.1#" + blackHole.getLocalPort());
        }
      }
      Path configFile = workDir.resolve("dnsmasq.conf");
      Files.write(configFile, config, StandardCharsets.UTF_8);
      String lastLog = "";
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        int port = freePort();
        Process process = launch(workDir, configFile, port);
        if (waitUntilAnswers(process, port)) {
          return new Dnsmasq(process, port, workDir, blackHole);
        }
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        lastLog = Files.readString(workDir.resolve("dnsmasq.log"), StandardCharsets.UTF_8);
      }
      throw new AssertionError(
          "dnsmasq did not start (" + START_ATTEMPTS + " attempts); last log:\n" + lastLog);
    } catch (IOException e) {
      cleanUp(workDir, blackHole);
      throw new UncheckedIOException("could not start dnsmasq", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cleanUp(workDir, blackHole);
      throw new IllegalStateException("interrupted while starting dnsmasq", e);
    } catch (RuntimeException | AssertionError e) {
      cleanUp(workDir, blackHole);
      throw e;
    }
  }

  /** Records added one call each, for tests that read better as a table than as config lines. */
  public static Records records() {
    return new Records();
  }

  /**
   * Config lines and slow domains for {@link Dnsmasq#start(List, List)}, built one record per call.
   */
  public static final class Records {
    private final List<String> lines = new ArrayList<>();
    private final List<String> slowDomains = new ArrayList<>();

    private Records() {}

    /**
     * A CNAME, plus an A record for its target: dnsmasq answers a CNAME only for a target it knows
     * itself.
     */
    public Records cname(String name, String target) {
      lines.add("cname=" + name + "," + target);
      lines.add("host-record=" + target + ",192.0.2.1");
      return this;
    }

    /** A TXT record of one string, quoted so spaces and semicolons survive the config file. */
    public Records txt(String name, String text) {
      if (text.contains(",") || text.contains("\"") || text.contains("\\")) {
        throw new IllegalArgumentException(
            "one plain TXT string only (dnsmasq splits on commas): " + text);
      }
      lines.add("txt-record=" + name + ",\"" + text + "\"");
      return this;
    }

    /** An MX record. */
    public Records mx(String name, String host, int priority) {
      lines.add("mx-host=" + name + "," + host + "," + priority);
      return this;
    }

    /**
     * Makes every name under {@code domain} that has no record answer NXDOMAIN (instead of
     * REFUSED).
     */
    public Records local(String domain) {
      lines.add("local=/" + domain + "/");
      return this;
    }

    /** Makes every name under {@code domain} time out. */
    public Records slow(String domain) {
      slowDomains.add(domain);
      return this;
    }

    /**
     * Any other dnsmasq option line ({@code host-record=...}, {@code dns-rr=...}), added as it is.
     */
    public Records line(String option) {
      lines.add(option);
      return this;
    }

    /** An A record. */
    public Records a(String name, String address) {
      lines.add("host-record=" + name + "," + address);
      return this;
    }

    /** Starts dnsmasq serving these records. */
    public Dnsmasq start() {
      return Dnsmasq.start(lines, slowDomains);
    }
  }

  /** The UDP and TCP port dnsmasq listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** This server as {@code host:port}, the form of {@code SES_OPS_DNS_SERVERS}. */
  public String hostAndPort() {
    return "127.0.0.1:" + port;
  }

  /** A dnsjava resolver asking this server only, with a short timeout. */
  public SimpleResolver resolver(Duration timeout) {
    SimpleResolver resolver =
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    resolver.setTimeout(timeout);
    return resolver;
  }

  /** What dnsmasq logged so far (every query and its answer), for failure messages. */
  public String log() {
    try {
      return Files.readString(workDir.resolve("dnsmasq.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy); // TCP connections are served by children
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    cleanUp(workDir, blackHole);
  }

  private static Process launch(Path workDir, Path configFile, int port) throws IOException {
    List<String> command =
        List.of(
            BINARY.toString(),
            // not --no-daemon: in that debug mode dnsmasq serves TCP in its main process, and one
            // idle TCP connection (dnsjava keeps them open) blocks every later query, UDP too
            "--keep-in-foreground",
            "--no-resolv",
            "--no-hosts",
            "--port=" + port,
            "--listen-address=127.0.0.1",
            "--bind-interfaces",
            "--conf-file=" + configFile,
            "--pid-file=" + workDir.resolve("dnsmasq.pid"),
            "--log-facility=-",
            "--log-queries");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("dnsmasq.log").toFile())
        .start();
  }

  /**
   * True once dnsmasq gives any DNS answer (REFUSED counts); false when it exits or the wait runs
   * out.
   */
  private static boolean waitUntilAnswers(Process process, int port) throws InterruptedException {
    SimpleResolver probe =
        new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    probe.setTimeout(Duration.ofMillis(300));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Message query =
        Message.newQuery(Record.newRecord(Name.fromConstantString("probe.invalid."), Type.A, 1));
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        probe.send(query);
        return true;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    return false;
  }

  /**
   * A port free for both TCP and UDP on 127.0.0.1 right now (dnsmasq may still lose a race: start
   * retries).
   */
  private static int freePort() throws IOException {
    for (int i = 0; i < 20; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int candidate = tcp.getLocalPort();
        try (DatagramSocket udp =
            new DatagramSocket(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate))) {
          return candidate;
        } catch (IOException udpTaken) {
          // try another
        }
      }
    }
    throw new IOException("no port free for both TCP and UDP on 127.0.0.1");
  }

  private static void cleanUp(Path workDir, DatagramSocket blackHole) {
    if (blackHole != null) {
      blackHole.close();
    }
    if (workDir != null) {
      try (Stream<Path> files = Files.walk(workDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException ignored) {
        // a temp folder left behind is harmless
      }
    }
  }
}
