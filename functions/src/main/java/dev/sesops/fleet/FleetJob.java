package dev.sesops.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three scheduled jobs a fleet run fans out, and how each one's per-item output reads as
 * per-account outcomes: the monitor's level (an account whose every source failed is a failure),
 * the audit's worst finding severity (its {@code failures} are failures), the cleanup's status.
 */
enum FleetJob {
  MONITOR("monitor"),
  AUDIT("audit"),
  CLEANUP("cleanup");

  private final String id;

  FleetJob(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static FleetJob of(String name) {
    for (FleetJob j : values()) {
      if (j.id.equals(name) || ("suppression-cleanup".equals(name) && j == CLEANUP)) {
        return j;
      }
    }
    throw new BadInputException("job", "expected monitor, audit or cleanup");
  }

  /** What one account's run came to: a level (or status) and, for a failure, why. */
  record Outcome(String account, String level, String error) {}

  /** The outcomes an item's output reports, one per account it covered. */
  List<Outcome> read(JsonNode output) {
    List<Outcome> out = new ArrayList<>();
    switch (this) {
      case MONITOR ->
          output
              .path("accounts")
              .forEach(
                  a -> {
                    String level = a.path("level").asText("UNKNOWN");
                    String error = null;
                    for (JsonNode s : a.path("signals")) {
                      if ("monitoring".equals(s.path("check").asText())
                          && "CRITICAL".equals(s.path("level").asText())) {
                        error = "no signal could be read: " + kinds(a.path("errors"));
                      }
                    }
                    out.add(new Outcome(a.path("account").asText(), level, error));
                  });
      case AUDIT -> {
        List<String> failures = new ArrayList<>();
        output.path("failures").forEach(f -> failures.add(f.asText()));
        output
            .path("accounts")
            .forEach(
                a -> {
                  String name = a.path("account").asText();
                  String level = "CLEAN";
                  for (String s : List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO")) {
                    if (a.path("counts").path(s).asInt(0) > 0) {
                      level = s;
                      break;
                    }
                  }
                  String error =
                      failures.stream()
                          .filter(f -> f.startsWith(name + ": "))
                          .findFirst()
                          .map(f -> f.substring(name.length() + 2))
                          .orElse(null);
                  out.add(new Outcome(name, level, error));
                });
        // an account that broke has no totals, only its failure line
        for (String f : failures) {
          int colon = f.indexOf(": ");
          String name = colon > 0 ? f.substring(0, colon) : f;
          if (out.stream().noneMatch(o -> o.account().equals(name))) {
            out.add(new Outcome(name, "FAILED", colon > 0 ? f.substring(colon + 2) : "failed"));
          }
        }
      }
      case CLEANUP ->
          output
              .path("accounts")
              .forEach(
                  a -> {
                    String status = a.path("status").asText("unknown").toUpperCase(Locale.ROOT);
                    out.add(
                        new Outcome(
                            a.path("account").asText(),
                            status,
                            "FAILED".equals(status) ? a.path("error").asText("failed") : null));
                  });
      default -> throw new IllegalStateException(name());
    }
    return out;
  }

  private static String kinds(JsonNode errors) {
    List<String> k = new ArrayList<>();
    errors.forEach(e -> k.add(e.path("source").asText() + " " + e.path("kind").asText()));
    return k.isEmpty() ? "unknown" : String.join(", ", k);
  }
}
