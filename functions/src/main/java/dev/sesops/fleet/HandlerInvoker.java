package dev.sesops.fleet;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.common.Json;
import dev.sesops.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Invokes a function's handler in-process with an item event, as Lambda would: a fresh deadline per
 * item.
 */
final class HandlerInvoker implements FleetRunner.ItemInvoker {
  private final String name;
  private final RequestStreamHandler handler;
  private final Duration timeout;

  HandlerInvoker(String name, RequestStreamHandler handler, Duration timeout) {
    this.name = name;
    this.handler = handler;
    this.timeout = timeout;
  }

  @Override
  public JsonNode invoke(JsonNode event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)),
        out,
        new LocalContext(name, timeout));
    return Json.read(out.toString(StandardCharsets.UTF_8));
  }
}
