package dev.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedStoreTests {

    @Test
    void theFileOfAnEmbeddedDatabaseIsItsPathWithoutOptions() {
        assertThat(EmbeddedStore.file("jdbc:h2:file:./data/parley;WRITE_DELAY=0"))
                .contains(Path.of("./data/parley"));
        assertThat(EmbeddedStore.file("jdbc:h2:file:/var/lib/parley/db")).contains(Path.of("/var/lib/parley/db"));
        assertThat(EmbeddedStore.file("jdbc:h2:mem:parley;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(EmbeddedStore.file("jdbc:postgresql://localhost/parley")).isEmpty();
    }

    @Test
    void anEmbeddedDatabaseClosesWithThePoolInsteadOfAtTheStartOfTheJvmsExit() {
        assertThat(EmbeddedStore.url("jdbc:h2:file:./data/parley;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./data/parley;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(EmbeddedStore.url("jdbc:h2:file:/var/lib/parley/db"))
                .isEqualTo("jdbc:h2:file:/var/lib/parley/db;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void aUrlThatSaysWhenToCloseOrIsNotAnEmbeddedFileStaysAsItIs() {
        assertThat(List.of(
                        "jdbc:h2:file:./data/parley;db_close_on_exit=true",
                        "jdbc:h2:mem:parley;DB_CLOSE_DELAY=-1",
                        "jdbc:postgresql://localhost/parley"))
                .allSatisfy(url -> assertThat(EmbeddedStore.url(url)).isEqualTo(url));
    }
}
