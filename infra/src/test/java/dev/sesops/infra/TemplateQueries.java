package dev.sesops.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Finds resources in a synthesized template by what they are, never by hashed logical id. */
final class TemplateQueries {

  private TemplateQueries() {}

  /** The logical id of the one resource of {@code type} with the given properties. */
  static String onlyResource(Template template, String type, Map<String, ?> properties) {
    Map<String, Map<String, Object>> found =
        template.findResources(type, Map.of("Properties", Match.objectLike(properties)));
    assertThat(found).as("%s with %s", type, properties).hasSize(1);
    return found.keySet().iterator().next();
  }

  static String onlyResource(Template template, String type) {
    Map<String, Map<String, Object>> found = template.findResources(type);
    assertThat(found).as("resources of type %s", type).hasSize(1);
    return found.keySet().iterator().next();
  }

  static String functionId(Template template, String handlerClass) {
    return onlyResource(
        template, "AWS::Lambda::Function", Map.of("Handler", handlerClass + "::handleRequest"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Template template, String logicalId) {
    Map<String, Object> resource =
        (Map<String, Object>)
            ((Map<String, Object>) template.toJSON().get("Resources")).get(logicalId);
    return (Map<String, Object>) resource.get("Properties");
  }

  /** The logical id of the role a function runs as. */
  @SuppressWarnings("unchecked")
  static String roleIdOf(Template template, String functionId) {
    Map<String, Object> role = (Map<String, Object>) properties(template, functionId).get("Role");
    return ((List<String>) role.get("Fn::GetAtt")).get(0);
  }

  /**
   * The actions (two or more) of the statement with {@code sid} in the policy attached to the role.
   */
  static List<Object> actionsOf(Template template, String roleId, String sid) {
    Capture actions = new Capture();
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "Roles", List.of(Map.of("Ref", roleId)),
            "PolicyDocument",
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        List.of(
                            Match.objectLike(
                                Map.of("Sid", sid, "Effect", "Allow", "Action", actions)))))));
    return actions.asArray();
  }

  /** Every statement of the policy attached to the role. */
  static List<Object> statementsOf(Template template, String roleId) {
    Capture statements = new Capture();
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "Roles", List.of(Map.of("Ref", roleId)),
            "PolicyDocument", Map.of("Statement", statements)));
    return statements.asArray();
  }

  static Map<String, String> ref(String logicalId) {
    return Map.of("Ref", logicalId);
  }
}
