package dev.sesops.ses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {
  @Test
  void all_followsEachNextTokenUntilThereIsNone() {
    List<String> asked = new ArrayList<>();
    List<String> all =
        Page.all(
            token -> {
              asked.add(String.valueOf(token));
              return switch (String.valueOf(token)) {
                case "null" -> new Page<>(List.of("a", "b"), "t1");
                case "t1" -> new Page<>(List.of("c"), "t2");
                default -> new Page<>(List.of("d"), null);
              };
            });

    assertThat(all).containsExactly("a", "b", "c", "d");
    assertThat(asked).containsExactly("null", "t1", "t2");
  }

  @Test
  void anEmptyToken_isTheLastPage() {
    assertThat(new Page<>(List.of("x"), "").next()).isNull();
    assertThat(Page.all(token -> new Page<>(List.of("x"), ""))).containsExactly("x");
  }
}
