package dev.sesops.audit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real dnsmasq on a free loopback port, serving only the records a test gives it ({@code --local=/test/}:
 * every other name under .test is NXDOMAIN). A "black hole" UDP socket that never answers stands in for a
 * name server that times out ({@link #silentZone}). Not on the system's port 53, no system service.
 */
final class LoopbackDnsmasq implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/dnsmasq");
  private final List<String> args = new ArrayList<>();
  private final List<DatagramSocket> blackHoles = new ArrayList<>();
  private Process process;
  private int port;

  LoopbackDnsmasq cname(String name, String target) {
    args.add("--cname=" + name + "," + target);
    // dnsmasq answers a CNAME only for targets it knows itself
    args.add("--host-record=" + target + ",127.0.0.2");
    return this;
  }

  /** One TXT record of one string per call (the string must not hold a comma: dnsmasq splits on them). */
  LoopbackDnsmasq txt(String name, String text) {
    if (text.contains(",")) {
      throw new IllegalArgumentException("dnsmasq splits TXT strings on commas");
    }
    StringBuilder sb = new StringBuilder("--txt-record=").append(name).append(',').append(text);
    args.add(sb.toString());
    return this;
  }

  LoopbackDnsmasq mx(String name, String host, int priority) {
    args.add("--mx-host=" + name + "," + host + "," + priority);
    return this;
  }

  /** Names under {@code zone} are forwarded to a socket that never answers: lookups time out. */
  LoopbackDnsmasq silentZone(String zone) throws IOException {
    DatagramSocket hole = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    blackHoles.add(hole);
    args.add("--server=/" + zone + "/127.0.0.1#" + hole.getLocalPort());
    return this;
  }

  LoopbackDnsmasq start() throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: apt-get install -y dnsmasq-base (the DNS tests need a real DNS server)");
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      port = freePort();
      List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
          "--no-resolv", "--no-hosts", "--no-poll", "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces",
          "--pid-file=", "--user=" + System.getProperty("user.name"), "--local=/test/", "--log-facility=-"));
      cmd.addAll(args);
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(Files.createTempFile("dnsmasq", ".log").toFile()).start();
      if (waitUntilAnswering()) {
        return this;
      }
      process.destroyForcibly();
    }
    throw new IllegalStateException("dnsmasq did not start on a loopback port");
  }

  /** {@code 127.0.0.1:PORT}, as SES_OPS_DNS_SERVERS takes it. */
  String server() {
    return "127.0.0.1:" + port;
  }

  private boolean waitUntilAnswering() throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        SimpleResolver r = new SimpleResolver("127.0.0.1");
        r.setPort(port);
        r.setTimeout(Duration.ofMillis(300));
        r.send(Message.newQuery(Record.newRecord(Name.fromString("probe.test."), Type.A, DClass.IN)));
        return true;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    blackHoles.forEach(DatagramSocket::close);
  }
}
