package dev.sesops.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.BadInputException;
import dev.sesops.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTML report for callers outside the audit (the CLI's {@code ses-ops audit ACCOUNT --html
 * FILE}): takes the API's audit answer (an {@link AuditReport} as JSON, or one account's report)
 * and writes the same self-contained page the audit stores in S3.
 */
public final class AuditHtml {
  private AuditHtml() {}

  /**
   * The page for the first account in {@code answer}: the API's {@code POST /accounts/NAME/audit}
   * answer ({@code report.accounts[0]}), an {@link AuditReport} ({@code accounts[0]}), or one
   * account's report.
   */
  public static String render(JsonNode answer) {
    JsonNode r = answer.path("report").isObject() ? answer.path("report") : answer;
    JsonNode account = r.path("accounts").isArray() ? r.path("accounts").path(0) : r;
    if (!account.isObject() || !account.path("account").isTextual()) {
      throw new BadInputException("accounts[0]", "no account report in the audit's answer");
    }
    try {
      return HtmlReport.render(Json.MAPPER.treeToValue(account, AccountAudit.class));
    } catch (IOException e) {
      throw new BadInputException(
          "accounts[0]", "not an account report: " + e.getClass().getSimpleName());
    }
  }

  /** Writes {@link #render(JsonNode)} to {@code file} (UTF-8, replacing it). */
  public static void write(JsonNode answer, Path file) {
    try {
      Files.writeString(file, render(answer), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
