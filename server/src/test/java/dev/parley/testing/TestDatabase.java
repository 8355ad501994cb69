package dev.parley.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * On a shared database server (PostgreSQL or MariaDB under -Pservices) the first context of a test run starts from an
 * empty schema; later contexts of the same run reuse it. Tests never depend on each other's data:
 * every test makes its own users.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    private static final AtomicBoolean CLEANED = new AtomicBoolean();

    @Bean
    FlywayMigrationStrategy cleanOncePerRun() {
        return flyway -> {
            if (CLEANED.compareAndSet(false, true)) {
                flyway.clean();
            }
            flyway.migrate();
        };
    }

    /** Whether this run uses a database server (PostgreSQL or MariaDB) rather than the embedded database. */
    public static boolean onServer() {
        return System.getProperty("parley.test.database") != null;
    }
}
