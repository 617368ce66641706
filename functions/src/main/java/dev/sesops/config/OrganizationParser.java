package dev.sesops.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validates the {@code organization} block; every problem carries its JSON path. */
final class OrganizationParser {
  static final Pattern UNIT =
      Pattern.compile("(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})");
  private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");

  private OrganizationParser() {}

  /** The block, or null when absent; problems are added to {@code problems}. */
  static OrganizationConfig parse(JsonNode node, List<String> problems) {
    String path = "organization";
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(path + ": expected an object");
      return null;
    }
    int before = problems.size();
    List<String> units = new ArrayList<>();
    JsonNode ou = node.path("organizational_units");
    if (!ou.isMissingNode() && !ou.isNull()) {
      if (!ou.isArray()) {
        problems.add(
            path
                + ".organizational_units: expected a list of OU ids (ou-...) or the root id (r-...)");
      } else {
        for (int i = 0; i < ou.size(); i++) {
          JsonNode u = ou.get(i);
          if (!u.isTextual() || !UNIT.matcher(u.asText()).matches()) {
            problems.add(
                path
                    + ".organizational_units["
                    + i
                    + "]: not an OU id (ou-xxxx-xxxxxxxx) or root id (r-xxxx)");
          } else if (!units.contains(u.asText())) {
            units.add(u.asText());
          }
        }
      }
    }
    Map<String, String> tags = new LinkedHashMap<>();
    JsonNode t = node.path("tags");
    if (!t.isMissingNode() && !t.isNull()) {
      if (!t.isObject()) {
        problems.add(path + ".tags: expected an object of tag key to value (\"*\": any value)");
      } else {
        int i = 0;
        for (var it = t.fields(); it.hasNext(); i++) {
          var e = it.next();
          if (!TAG_KEY.matcher(e.getKey()).matches()) {
            problems.add(path + ".tags: key #" + (i + 1) + " is not a valid tag key");
          } else if (!e.getValue().isTextual()) {
            problems.add(path + ".tags." + e.getKey() + ": expected a string");
          } else {
            tags.put(e.getKey(), e.getValue().asText());
          }
        }
      }
    }
    String role = text(node, path, "role_name", true, problems);
    if (role != null && !ROLE_NAME.matcher(role).matches()) {
      problems.add(path + ".role_name: not an IAM role name (1-64 letters, digits and +=,.@_-)");
    }
    String externalId = text(node, path, "external_id", false, problems);
    if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
      problems.add(
          path + ".external_id: must be 2-1224 characters of letters, digits and +=,.@:/-");
    }
    List<String> regions = new ArrayList<>();
    JsonNode r = node.path("regions");
    if (r.isMissingNode() || r.isNull()) {
      problems.add(path + ".regions: missing (the SES Regions to cover in each account)");
    } else if (!r.isArray()) {
      problems.add(path + ".regions: expected a list of Region names");
    } else if (r.isEmpty()) {
      problems.add(path + ".regions: at least one Region is required");
    } else {
      for (int i = 0; i < r.size(); i++) {
        JsonNode v = r.get(i);
        if (!v.isTextual() || !REGION.matcher(v.asText()).matches()) {
          problems.add(path + ".regions[" + i + "]: not an AWS Region name");
        } else if (!regions.contains(v.asText())) {
          regions.add(v.asText());
        }
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new OrganizationConfig(units, tags, role, externalId, regions);
  }

  private static String text(
      JsonNode node, String path, String key, boolean required, List<String> problems) {
    JsonNode v = node.path(key);
    if (v.isMissingNode() || v.isNull()) {
      if (required) {
        problems.add(path + "." + key + ": missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      problems.add(path + "." + key + ": expected a string");
      return null;
    }
    String s = v.asText().trim();
    if (s.isEmpty()) {
      problems.add(path + "." + key + ": empty");
      return null;
    }
    return s;
  }
}
