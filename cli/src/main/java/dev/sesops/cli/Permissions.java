package dev.sesops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sesops.common.Json;
import dev.sesops.permissions.SesPermissions;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ses-ops permissions [--function NAME]}: the IAM policy each part needs, from the same
 * lists the CDK stack builds its roles from (an infra test compares the two). Resources are
 * placeholders for the stack's own (SECRET_ARN, STATE_TABLE_ARN, ...).
 */
final class Permissions {
  private Permissions() {}

  /** One function's policy as an IAM policy document. */
  static ObjectNode document(String function) {
    ObjectNode doc = Json.object().put("Version", "2012-10-17");
    ArrayNode statements = doc.putArray("Statement");
    for (SesPermissions.Statement s : SesPermissions.policy(function)) {
      ObjectNode st = statements.addObject().put("Sid", s.sid()).put("Effect", "Allow");
      ArrayNode actions = st.putArray("Action");
      s.actions().forEach(actions::add);
      // a scoped SES statement names several resources (SesPermissions: ", " between them)
      String[] resources = s.resource().split(", ");
      if (resources.length == 1) {
        st.put("Resource", s.resource());
      } else {
        ArrayNode r = st.putArray("Resource");
        for (String one : resources) {
          r.add(one);
        }
      }
    }
    return doc;
  }

  static int run(String function, Output output, PrintStream out, PrintStream err) {
    List<String> functions = function == null ? SesPermissions.FUNCTIONS : List.of(function);
    if (function != null && !SesPermissions.FUNCTIONS.contains(function)) {
      err.println(
          "ses-ops: permissions: unknown function '"
              + Commands.printable(function)
              + "' (known: "
              + String.join(", ", SesPermissions.FUNCTIONS)
              + ")");
      return Cli.USAGE;
    }
    if (output.format() != Output.Format.TABLE) {
      // one policy document for one function; an object of them for all
      if (function != null) {
        output.print(document(function), out);
      } else {
        ObjectNode all = Json.object();
        functions.forEach(f -> all.set(f, document(f)));
        output.print(all, out);
      }
      return Cli.OK;
    }
    for (String f : functions) {
      out.println(f + ":");
      for (SesPermissions.Statement s : SesPermissions.policy(f)) {
        out.printf("  %-26s on %s%n", s.sid(), s.resource());
        s.actions().forEach(a -> out.println("      " + a));
      }
    }
    return Cli.OK;
  }
}
