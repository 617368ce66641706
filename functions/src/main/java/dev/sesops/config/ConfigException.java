package dev.sesops.config;

import java.util.List;

/**
 * The config document cannot be used: every problem found, each naming its JSON path, never a
 * secret value.
 */
public class ConfigException extends RuntimeException {
  /** What kind of problem, so a command line can say it in one line where one line is enough. */
  public enum Kind {
    /** The file or secret is missing or cannot be read. */
    UNREADABLE,
    /** The text is not JSON (the problem names line and column). */
    NOT_JSON,
    /** The document parses but has no accounts. */
    NO_ACCOUNTS,
    /** One or more values are wrong; each problem names its JSON path. */
    INVALID
  }

  static final String ACCOUNTS_MISSING = "accounts: missing";
  static final String ACCOUNTS_EMPTY = "accounts: at least one account is required";

  private final List<String> problems;
  private final Kind kind;

  public ConfigException(List<String> problems) {
    this(kindOf(problems), problems);
  }

  public ConfigException(Kind kind, List<String> problems) {
    super("invalid ses-ops config: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
    this.kind = kind;
  }

  public ConfigException(String problem, Throwable cause) {
    super(problem, cause);
    this.problems = List.of(problem);
    this.kind = Kind.UNREADABLE;
  }

  public List<String> problems() {
    return problems;
  }

  public Kind kind() {
    return kind;
  }

  private static Kind kindOf(List<String> problems) {
    return problems.size() == 1
            && (problems.get(0).equals(ACCOUNTS_MISSING) || problems.get(0).equals(ACCOUNTS_EMPTY))
        ? Kind.NO_ACCOUNTS
        : Kind.INVALID;
  }
}
