package dev.sesops.common;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scheduled function reads from its EventBridge event: the event id, and the optional {@code
 * detail.accounts} (limit the run to those accounts) and {@code detail.dry_run}.
 */
public record ScheduledRun(String eventId, List<String> accounts, Boolean dryRun, JsonNode detail) {

  /** The run an EventBridge scheduled event asks for (its {@code id} and {@code detail}). */
  public static ScheduledRun of(ScheduledEvent event) {
    if (event == null) {
      throw new BadInputException("event", "expected a JSON object");
    }
    ObjectNode tree = Json.object();
    if (event.getId() != null) {
      tree.put("id", event.getId());
    }
    tree.set("detail", detail(event));
    return parse(tree);
  }

  /** The event's {@code detail} as JSON (an empty object when it has none). */
  public static ObjectNode detail(ScheduledEvent event) {
    return event.getDetail() == null ? Json.object() : Json.MAPPER.valueToTree(event.getDetail());
  }

  /** Parses an EventBridge scheduled event (or a bare {} from a manual run). */
  public static ScheduledRun parse(JsonNode event) {
    if (event == null || !event.isObject()) {
      throw new BadInputException("event", "expected a JSON object");
    }
    String id = event.path("id").isTextual() ? event.path("id").asText() : null;
    JsonNode detail = event.path("detail");
    if (!detail.isMissingNode() && !detail.isNull() && !detail.isObject()) {
      throw new BadInputException("detail", "expected an object");
    }
    List<String> accounts = null;
    JsonNode acc = detail.path("accounts");
    if (!acc.isMissingNode() && !acc.isNull()) {
      if (!acc.isArray()) {
        throw new BadInputException("detail.accounts", "expected a list of account names");
      }
      accounts = new ArrayList<>();
      for (int i = 0; i < acc.size(); i++) {
        if (!acc.get(i).isTextual()) {
          throw new BadInputException(
              "detail.accounts[" + i + "]", "expected an account name (string)");
        }
        accounts.add(acc.get(i).asText());
      }
    }
    Boolean dryRun = null;
    JsonNode dr = detail.path("dry_run");
    if (!dr.isMissingNode() && !dr.isNull()) {
      if (!dr.isBoolean()) {
        throw new BadInputException("detail.dry_run", "expected true or false");
      }
      dryRun = dr.asBoolean();
    }
    return new ScheduledRun(
        id,
        accounts == null ? null : List.copyOf(accounts),
        dryRun,
        detail.isObject() ? detail : Json.object());
  }
}
