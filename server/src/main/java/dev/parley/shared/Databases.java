package dev.parley.shared;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which database a data source talks to, for the few places whose SQL differs. */
public final class Databases {

    private Databases() {}

    public static DatabaseDriver of(DataSource dataSource) {
        try {
            return DatabaseDriver.fromJdbcUrl(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }
}
