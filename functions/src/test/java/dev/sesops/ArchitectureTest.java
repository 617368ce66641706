package dev.sesops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.sesops.config.ProtectionPolicy;
import dev.sesops.core.Scope;
import dev.sesops.core.ScopeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floor plan of the functions' main code (docs/architecture.md): no package depends on itself
 * through others, the core vocabulary depends on no feature, only the composition roots ({@code
 * wiring}) are named by nobody, and no project type is named inline by its full name (an import
 * line shows every arrow).
 */
class ArchitectureTest {
  /** Every top-level package of dev.sesops is one slice; no two may depend on each other. */
  static final ArchRule NO_CYCLES = slices().matching("dev.sesops.(*)..").should().beFreeOfCycles();

  /** The shared words depend on the JDK only. */
  static final ArchRule CORE_DEPENDS_ON_NO_FEATURE =
      classes()
          .that()
          .resideInAPackage("dev.sesops.core..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.sesops.core..", "java..");

  static final ArchRule NOTHING_NAMES_THE_COMPOSITION_ROOTS =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.sesops.wiring..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.sesops.wiring..");

  private static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    main =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPath(Path.of("target/classes"));
  }

  @Test
  void mainCode_isImported() {
    assertThat(main.containPackage("dev.sesops.core")).isTrue();
    assertThat(main.containPackage("dev.sesops.wiring")).isTrue();
    // the local entry points are checked too; the local server left for the cli module (issue 23)
    assertThat(main.containPackage("dev.sesops.local")).isTrue();
    assertThat(main.stream().anyMatch(c -> c.getSimpleName().equals("LocalApiServer"))).isFalse();
    assertThat(main.stream().anyMatch(c -> c.getSimpleName().endsWith("Test"))).isFalse();
  }

  @Test
  void packages_areFreeOfCycles() {
    NO_CYCLES.check(main);
  }

  @Test
  void core_dependsOnNoFeature() {
    CORE_DEPENDS_ON_NO_FEATURE.check(main);
  }

  @Test
  void compositionRoots_areNamedByNoFeature() {
    NOTHING_NAMES_THE_COMPOSITION_ROOTS.check(main);
  }

  @Test
  void cycleRule_reportsADeliberateBackEdge() {
    // core -> config in a test fixture, config -> core in main code (ProtectionPolicy names Scope)
    JavaClasses withBackEdge =
        new ClassFileImporter()
            .importClasses(
                ProtectionPolicy.class,
                Scope.class,
                ScopeKind.class,
                classNamed("dev.sesops.core.BackEdgeFixture"));

    EvaluationResult cycles = NO_CYCLES.evaluate(withBackEdge);
    EvaluationResult core = CORE_DEPENDS_ON_NO_FEATURE.evaluate(withBackEdge);

    assertThat(cycles.hasViolation()).isTrue();
    assertThat(cycles.getFailureReport().toString())
        .contains("Cycle detected")
        .contains("core")
        .contains("config");
    assertThat(core.hasViolation()).isTrue();
    // without the fixture the same classes pass
    assertThat(
            NO_CYCLES
                .evaluate(
                    new ClassFileImporter()
                        .importClasses(ProtectionPolicy.class, Scope.class, ScopeKind.class))
                .hasViolation())
        .isFalse();
  }

  /** A type named with its package inline, outside an import or package line and string. */
  private static final Pattern INLINE_NAME = Pattern.compile("dev\\.sesops\\.[a-z]+\\.[A-Z]");

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  /** {@code file:line: text} for every line of {@code lines} that names a project type inline. */
  static List<String> inlineNames(String file, List<String> lines) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("import ") || line.startsWith("package ")) {
        continue;
      }
      // a class name in a string is data (a handler name, a reflective lookup), not an arrow
      if (INLINE_NAME.matcher(STRING.matcher(line).replaceAll("\"\"")).find()) {
        out.add(file + ":" + (i + 1) + ": " + line);
      }
    }
    return out;
  }

  @Test
  void mainCode_namesNoProjectTypeInlineByItsFullName() throws IOException {
    List<String> found = new ArrayList<>();
    // every module's main code: the functions, the CLI, the CDK app and the shared permissions
    for (String module : List.of(".", "../cli", "../infra", "../permissions")) {
      Path root = Path.of(module, "src/main/java");
      assertThat(root).isDirectory();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          found.addAll(inlineNames(root.relativize(f).toString(), Files.readAllLines(f)));
        }
      }
    }
    assertThat(found).as("import the type instead").isEmpty();
  }

  @Test
  void inlineNameScan_findsAFullNameInCodeAndJavadoc_butNotInImportsOrStrings() {
    assertThat(
            inlineNames(
                "X.java",
                List.of(
                    "package dev.sesops.monitor;",
                    "import dev.sesops.core.Level;",
                    "  private final dev.sesops.signals.SignalChecks checks;",
                    "   * @throws dev.sesops.common.BadInputException for an unknown account",
                    "    HANDLERS.put(\"monitor\", \"dev.sesops.wiring.MonitorFunction\");",
                    "  private final Level level;")))
        .containsExactly(
            "X.java:3: private final dev.sesops.signals.SignalChecks checks;",
            "X.java:4: * @throws dev.sesops.common.BadInputException for an unknown account");
  }

  private static Class<?> classNamed(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
