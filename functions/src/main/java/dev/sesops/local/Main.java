package dev.sesops.local;

/** Runs the handlers locally: invoke, serve, restore-suppression. */
public final class Main {
  public static void main(String[] args) {
    System.out.println("ses-ops");
  }
}
