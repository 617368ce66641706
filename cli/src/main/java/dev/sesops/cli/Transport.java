package dev.sesops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Where the CLI's API calls go: a deployed API over HTTPS (SigV4), or the same API in-process
 * (--local).
 */
interface Transport {
  /** A status and the JSON body. */
  record Response(int status, JsonNode body) {}

  /**
   * @param encodedPath the path with every segment percent-encoded once
   * @param query decoded query parameters
   */
  Response send(String method, String encodedPath, Map<String, List<String>> query, String body);
}
