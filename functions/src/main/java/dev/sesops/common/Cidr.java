package dev.sesops.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network ({@code 198.51.100.0/24}, {@code 2001:db8::/32}; a bare address is a /32
 * or /128).
 */
public final class Cidr {
  private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  private final byte[] network;
  private final int bits;
  private final String text;

  private Cidr(byte[] network, int bits, String text) {
    this.network = network;
    this.bits = bits;
    this.text = text;
  }

  /**
   * The network, or empty when {@code s} is not a literal address with an optional prefix length
   * (no name is looked up).
   */
  public static Optional<Cidr> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String t = s.strip();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    byte[] a = address(addr).orElse(null);
    if (a == null) {
      return Optional.empty();
    }
    int max = a.length * 8;
    int bits = max;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (bits < 0 || bits > max) {
        return Optional.empty();
      }
    }
    return Optional.of(new Cidr(mask(a, bits), bits, t));
  }

  /** The bytes of a literal IPv4 or IPv6 address; empty for anything else (never a DNS lookup). */
  public static Optional<byte[]> address(String s) {
    if (s == null) {
      return Optional.empty();
    }
    boolean v4 = V4.matcher(s).matches();
    if (!v4 && (!V6.matcher(s).matches() || s.indexOf(':') < 0)) {
      return Optional.empty();
    }
    if (v4) {
      for (String o : s.split("\\.")) {
        if (Integer.parseInt(o) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      return Optional.of(InetAddress.getByName(s).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    return Arrays.equals(mask(address, bits), network);
  }

  public boolean contains(String address) {
    return address(address).map(this::contains).orElse(false);
  }

  private static byte[] mask(byte[] a, int bits) {
    byte[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - keep)));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && bits == c.bits && Arrays.equals(network, c.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + bits;
  }

  @Override
  public String toString() {
    return text;
  }
}
