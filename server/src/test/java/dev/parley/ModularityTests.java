package dev.parley;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The feature packages depend on each other only through their public API, and never in a cycle. */
class ModularityTests {

    @Test
    void featuresRespectTheirBoundaries() {
        ApplicationModules.of(ParleyApplication.class).verify();
    }
}
