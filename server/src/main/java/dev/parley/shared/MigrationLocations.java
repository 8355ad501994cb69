package dev.parley.shared;

import java.util.Map;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.stereotype.Component;

/**
 * Where Flyway finds the migrations for the database in use. H2 and PostgreSQL run the same SQL
 * ({@code db/migration/standard}) except for the first migration, which differs in one column
 * type; MariaDB has its own copy of every migration (table options, foreign-key syntax).
 */
@Component
class MigrationLocations implements FlywayConfigurationCustomizer {

    private static final String ROOT = "classpath:db/migration/";
    private static final Map<DatabaseDriver, String[]> BY_DATABASE = Map.of(
            DatabaseDriver.H2, new String[] {ROOT + "h2", ROOT + "standard"},
            DatabaseDriver.POSTGRESQL, new String[] {ROOT + "postgresql", ROOT + "standard"},
            DatabaseDriver.MARIADB, new String[] {ROOT + "mariadb"});

    @Override
    public void customize(FluentConfiguration configuration) {
        var database = Databases.of(configuration.getDataSource());
        configuration.locations(BY_DATABASE.getOrDefault(database, new String[] {ROOT + database.getId()}));
    }
}
