package dev.sesops.config;

import java.util.List;

/** The config document cannot be used: every problem found, each naming its JSON path, never a secret value. */
public class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid ses-ops config: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem, Throwable cause) {
    super(problem, cause);
    this.problems = List.of(problem);
  }

  public List<String> problems() {
    return problems;
  }
}
