package dev.sesops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One parsed command: the API call it makes and how to present the answer.
 *
 * @param command the helper's command name
 * @param method HTTP method
 * @param segments path segments, not yet encoded (the transport percent-encodes each once)
 * @param query query parameters
 * @param body JSON body or null
 * @param all follow {@code next} until the last page
 * @param listField the array that pages when {@code all} is set
 * @param slow long-running: show progress on stderr
 */
record Invocation(
    String command,
    String method,
    List<String> segments,
    Map<String, List<String>> query,
    JsonNode body,
    boolean all,
    String listField,
    boolean slow) {}
