package dev.sesops.fleet;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SES's control-plane limit as a stub: each account (access key of the signature) is answered at
 * most once per {@code intervalMillis}; calls beyond that wait for their slot, as a paced SES would
 * make them. CloudWatch calls are not SES calls and pass unpaced.
 */
final class PerAccountRateLimit implements ResponseDefinitionTransformerV2 {
  private static final Pattern KEY = Pattern.compile("Credential=([A-Z0-9]+)/");

  private final long intervalMillis;
  private final Map<String, Long> nextSlot = new HashMap<>();
  private final Map<String, Integer> calls = new HashMap<>();

  PerAccountRateLimit(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    if (event.getRequest().getUrl().contains("GraniteServiceVersion20100801")) {
      return event.getResponseDefinition();
    }
    Matcher m = KEY.matcher(event.getRequest().getHeader("Authorization"));
    if (!m.find()) {
      return event.getResponseDefinition();
    }
    long now = System.currentTimeMillis();
    long slot;
    synchronized (this) {
      slot = Math.max(now, nextSlot.getOrDefault(m.group(1), 0L));
      nextSlot.put(m.group(1), slot + intervalMillis);
      calls.merge(m.group(1), 1, Integer::sum);
    }
    return ResponseDefinitionBuilder.like(event.getResponseDefinition())
        .withFixedDelay((int) (slot - now))
        .build();
  }

  synchronized Map<String, Integer> callsPerKey() {
    return Map.copyOf(calls);
  }

  @Override
  public String getName() {
    return "per-account-rate-limit";
  }
}
