package dev.sesops.config;

import java.util.Optional;

/**
 * A config problem as a person at a terminal reads it: one line for a missing file, broken JSON or
 * no accounts, else the source and one problem per line with its JSON path. No HTTP status, no
 * request id, no secret value (the problems never carry one).
 */
public final class ConfigErrors {
  /** Where to start from, named in the messages for a missing file and an empty document. */
  static final String TEMPLATE_HINT = "start from the template configs/ses-config.json.txt";

  private ConfigErrors() {}

  /**
   * @param e the problem
   * @param where the source as the user named it: the file path, or {@code secret NAME}
   */
  public static String plain(ConfigException e, String where) {
    return switch (e.kind()) {
      case UNREADABLE ->
          "ses-ops: "
              + e.problems().get(0)
              + (e.getCause() instanceof java.nio.file.NoSuchFileException
                  ? "; " + TEMPLATE_HINT
                  : "");
      case NOT_JSON ->
          "ses-ops: " + where + " is " + e.problems().get(0).replaceFirst("^config: ", "");
      case NO_ACCOUNTS ->
          "ses-ops: "
              + where
              + " has no accounts: add at least one under \"accounts\" "
              + "(\"production\": {\"region\": \"us-east-1\", \"role_arn\": \"...\"}); "
              + TEMPLATE_HINT;
      case INVALID -> {
        StringBuilder sb = new StringBuilder("ses-ops: ").append(where).append(" is not usable:");
        e.problems().forEach(p -> sb.append(System.lineSeparator()).append("  ").append(p));
        yield sb.toString();
      }
    };
  }

  /** The first {@link ConfigException} in a cause chain (handlers may wrap it), if any. */
  public static Optional<ConfigException> find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ConfigException ce) {
        return Optional.of(ce);
      }
    }
    return Optional.empty();
  }
}
