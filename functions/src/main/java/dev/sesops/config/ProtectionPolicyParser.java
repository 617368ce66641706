package dev.sesops.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sesops.core.ScopeKind;
import dev.sesops.core.Window;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@code protection} block over a base policy (the defaults for the document's block, the
 * document's block for an account's own): what the block sets wins, key by key, down to one level's
 * {@code min_sends}. Problems are added with their JSON path; values are never echoed except
 * numbers.
 */
public final class ProtectionPolicyParser {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final List<ScopeKind> LEVEL_TYPES =
      List.of(ScopeKind.CONFIGURATION_SET, ScopeKind.TENANT, ScopeKind.ACCOUNT);

  private final List<String> problems;

  private ProtectionPolicyParser(List<String> problems) {
    this.problems = problems;
  }

  /**
   * @param node the block (missing or null: {@code base} unchanged)
   * @param path its JSON path, for messages ({@code protection}, {@code accounts.shop.protection})
   * @param problems where problems are added
   */
  public static ProtectionPolicy parse(
      JsonNode node, String path, ProtectionPolicy base, List<String> problems) {
    return new ProtectionPolicyParser(problems).block(node, path, base);
  }

  private ProtectionPolicy block(JsonNode node, String path, ProtectionPolicy base) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return base;
    }
    if (!node.isObject()) {
      problems.add(path + ": expected an object");
      return base;
    }
    ProtectionPolicy.Mode mode = base.mode();
    JsonNode m = node.path("mode");
    if (!m.isMissingNode() && !m.isNull()) {
      mode = null;
      if (m.isTextual()) {
        for (ProtectionPolicy.Mode candidate : ProtectionPolicy.Mode.values()) {
          if (candidate.key().equals(m.asText())) {
            mode = candidate;
          }
        }
      }
      if (mode == null) {
        problems.add(path + ".mode: expected \"off\", \"dry_run\" or \"enforce\"");
        mode = base.mode();
      }
    }
    Map<ScopeKind, Levels> levels = new EnumMap<>(ScopeKind.class);
    levels.putAll(base.levels());
    JsonNode lv = node.path("levels");
    if (!lv.isMissingNode() && !lv.isNull()) {
      if (!lv.isObject()) {
        problems.add(
            path
                + ".levels: expected an object of scope type (configuration_set, tenant, account) to levels");
      } else {
        lv.fieldNames()
            .forEachRemaining(
                k -> {
                  if (LEVEL_TYPES.stream().noneMatch(t -> t.configKey().equals(k))) {
                    problems.add(
                        path
                            + ".levels."
                            + k
                            + ": unknown scope type (use configuration_set, tenant or account)");
                  }
                });
        for (ScopeKind t : LEVEL_TYPES) {
          levels.put(
              t, levels(lv.path(t.configKey()), path + ".levels." + t.configKey(), base.levels(t)));
        }
      }
    }
    boolean allowAccount = base.allowAccountPause();
    JsonNode aap = node.path("allow_account_pause");
    if (!aap.isMissingNode() && !aap.isNull()) {
      if (aap.isBoolean()) {
        allowAccount = aap.asBoolean();
      } else {
        problems.add(path + ".allow_account_pause: expected true or false");
      }
    }
    Set<String> neverSets = base.neverPauseConfigurationSets();
    Set<String> neverTenants = base.neverPauseTenants();
    JsonNode np = node.path("never_pause");
    if (!np.isMissingNode() && !np.isNull()) {
      if (!np.isObject()) {
        problems.add(
            path
                + ".never_pause: expected an object {\"configuration_sets\": [...], \"tenants\": [...]}");
      } else {
        np.fieldNames()
            .forEachRemaining(
                k -> {
                  if (!k.equals("configuration_sets") && !k.equals("tenants")) {
                    problems.add(
                        path
                            + ".never_pause."
                            + k
                            + ": unknown key (use configuration_sets or tenants)");
                  }
                });
        if (np.has("configuration_sets")) {
          neverSets =
              names(np.path("configuration_sets"), path + ".never_pause.configuration_sets");
        }
        if (np.has("tenants")) {
          neverTenants = names(np.path("tenants"), path + ".never_pause.tenants");
        }
      }
    }
    int maxPauses = base.maxPausesPerHour();
    JsonNode mp = node.path("max_pauses_per_hour");
    if (!mp.isMissingNode() && !mp.isNull()) {
      if (!mp.isIntegralNumber() || mp.asLong() < 1 || mp.asLong() > 100) {
        problems.add(path + ".max_pauses_per_hour: expected a whole number from 1 to 100");
      } else {
        maxPauses = mp.asInt();
      }
    }
    return new ProtectionPolicy(mode, levels, allowAccount, neverSets, neverTenants, maxPauses);
  }

  private Levels levels(JsonNode node, String path, Levels base) {
    if (node.isMissingNode() || node.isNull()) {
      return base;
    }
    if (!node.isObject()) {
      problems.add(path + ": expected an object of hard_bounce / complaint to windows");
      return base;
    }
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!k.equals(Metric.HARD_BOUNCE.key()) && !k.equals(Metric.COMPLAINT.key())) {
                problems.add(path + "." + k + ": unknown metric (use hard_bounce or complaint)");
              }
            });
    Map<Metric, Map<Window, ActLevel>> out = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      Map<Window, ActLevel> windows = new EnumMap<>(Window.class);
      JsonNode mn = node.path(metric.key());
      String mpath = path + "." + metric.key();
      if (!mn.isMissingNode() && !mn.isNull() && !mn.isObject()) {
        problems.add(
            mpath
                + ": expected an object of window (1h, 24h) to {\"act\", \"min_sends\", \"min_events\"}");
        mn = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      if (mn.isObject()) {
        mn.fieldNames()
            .forEachRemaining(
                k -> {
                  if (!k.equals(Window.H1.key()) && !k.equals(Window.H24.key())) {
                    problems.add(mpath + "." + k + ": unknown window (use 1h or 24h)");
                  }
                });
      }
      for (Window w : Window.values()) {
        windows.put(w, level(mn.path(w.key()), mpath + "." + w.key(), base.get(metric, w)));
      }
      out.put(metric, windows);
    }
    return new Levels(out);
  }

  private ActLevel level(JsonNode node, String path, ActLevel base) {
    if (node.isMissingNode() || node.isNull()) {
      return base;
    }
    if (!node.isObject()) {
      problems.add(
          path + ": expected an object {\"act\": PERCENT, \"min_sends\": N, \"min_events\": N}");
      return base;
    }
    double act = base.percent();
    JsonNode a = node.path("act");
    if (!a.isMissingNode() && !a.isNull()) {
      if (!a.isNumber() || !(a.asDouble() > 0) || a.asDouble() > 100) {
        problems.add(path + ".act: expected a percentage above 0 up to 100");
      } else {
        act = a.asDouble();
      }
    }
    long minSends = count(node, path, "min_sends", base.minSends(), 1);
    long minEvents = count(node, path, "min_events", base.minEvents(), 1);
    return new ActLevel(act, minSends, minEvents);
  }

  private long count(JsonNode node, String path, String key, long fallback, long min) {
    JsonNode v = node.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > 1_000_000_000L) {
      problems.add(path + "." + key + ": expected a whole number from " + min + " to 1000000000");
      return fallback;
    }
    return v.asLong();
  }

  private Set<String> names(JsonNode node, String path) {
    if (!node.isArray()) {
      problems.add(path + ": expected a list of names");
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode n = node.get(i);
      if (!n.isTextual() || !NAME.matcher(n.asText()).matches()) {
        bad.add(path + "[" + i + "]: expected a name of 1-64 letters, digits, '.', '_' or '-'");
      } else {
        out.add(n.asText());
      }
    }
    problems.addAll(bad);
    return Set.copyOf(out);
  }
}
