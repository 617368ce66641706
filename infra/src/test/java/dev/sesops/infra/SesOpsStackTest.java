package dev.sesops.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

class SesOpsStackTest {
    static SesOpsStack stack;
    static Template template;

    @BeforeAll
    static void synth() {
        App app = StackFixtures.appWithNag();
        stack = new SesOpsStack(app, "SesOps", StackFixtures.PROPS, SesOpsSettings.defaults(), StackFixtures.stubCode(), SecretTemplate.BUILT_IN);
        template = Template.fromStack(stack);
    }

    @Test
    void nag() {
        List<String> e = StackFixtures.unsuppressedNagErrors(stack);
        e.forEach(System.out::println);
        software.amazon.awscdk.assertions.Annotations.fromStack(stack).findWarning("*", software.amazon.awscdk.assertions.Match.anyValue()).forEach(m -> System.out.println("WARN " + m.getId() + ": " + m.getEntry().getData()));
        software.amazon.awscdk.assertions.Annotations.fromStack(stack).findInfo("*", software.amazon.awscdk.assertions.Match.anyValue()).forEach(m -> System.out.println("INFO " + m.getId() + ": " + m.getEntry().getData()));
        try { java.nio.file.Files.writeString(java.nio.file.Path.of("target/dump.json"), new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(template.toJSON())); } catch (Exception x) { throw new RuntimeException(x); }
        assertThat(e).isEmpty();
    }
}
