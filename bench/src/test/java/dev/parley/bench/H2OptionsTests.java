package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bench runs H2 with the options the server ships, read from its application.yml. */
class H2OptionsTests {

    @Test
    void theServersOwnApplicationYmlGivesItsOptions() throws Exception {
        var yml = Files.readString(Path.of("../server/src/main/resources/application.yml"));

        var options = Bench.h2Options(yml);

        assertThat(options).startsWith(";").contains("WRITE_DELAY=0");
        assertThat(yml).contains("jdbc:h2:file:./data/parley" + options);
    }

    @Test
    void theOptionsAreWhatFollowsTheFileName() {
        var yml = """
                spring:
                  datasource:
                    # a comment with url: jdbc:h2:file:./elsewhere;NOT_THIS=1 in it
                    url: jdbc:h2:file:./data/parley;WRITE_DELAY=0;CACHE_SIZE=4096
                    username: sa
                """;

        assertThat(Bench.h2Options(yml)).isEqualTo(";WRITE_DELAY=0;CACHE_SIZE=4096");
        assertThat(Bench.h2Options("    url: jdbc:h2:file:./data/parley\n")).isEmpty();
    }

    @Test
    void aFileWithoutAnH2UrlIsAnError() {
        assertThatThrownBy(() -> Bench.h2Options("spring:\n  datasource:\n    url: jdbc:postgresql://x/test\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no H2 file URL");
    }
}
