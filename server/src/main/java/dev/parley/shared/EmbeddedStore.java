package dev.parley.shared;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.db.Store;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source, with what a writer that keeps a journal of its own needs from the embedded H2
 * database's store ({@code dev.parley.message.MessageJournal}).
 *
 * <p>Until {@link #deferWrites} is called it only hands out the pool's connections. With {@code WRITE_DELAY=0}
 * (Parley's default URL) H2 writes the pages a commit changed to its file before the commit returns, every commit
 * alone. After {@link #deferWrites}, H2 writes them in the background, those of many commits at once, and this data
 * source keeps every other commit as durable as before: a connection writes the store after each {@code commit()}
 * and when it is handed back (which covers statements run in auto-commit), unless its thread {@linkplain #journaling
 * journals} what it commits. So the writer's commits are on disk through the journal, and everything else through
 * H2's file, before the caller hears that they succeeded.
 */
public final class EmbeddedStore extends DelegatingDataSource {

    private static final String H2_FILE = "jdbc:h2:file:";
    private static final ThreadLocal<Boolean> JOURNALING = ThreadLocal.withInitial(() -> false);

    private final Path file;
    private volatile @Nullable Store deferred;

    EmbeddedStore(DataSource pool, Path file) {
        super(pool);
        this.file = file;
    }

    /** The database's file, without H2's {@code .mv.db}. */
    public Path file() {
        return file;
    }

    /**
     * The file of an embedded H2 database ({@code jdbc:h2:file:<path>[;options]}), without H2's {@code .mv.db}; empty
     * for any other URL (in memory, a server, another database).
     */
    public static Optional<Path> file(String url) {
        if (!url.startsWith(H2_FILE)) {
            return Optional.empty();
        }
        var name = url.substring(H2_FILE.length());
        int options = name.indexOf(';');
        name = options < 0 ? name : name.substring(0, options);
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name));
    }

    /**
     * The URL the pool connects with: an embedded H2 file database's without H2's own shutdown hook
     * ({@code DB_CLOSE_ON_EXIT=FALSE}) unless the URL says otherwise. H2's hook closes the database as soon as the JVM
     * begins to exit, while the application's shutdown (which runs at the same time) still stores what it was given:
     * the messages the writer holds, the last-seen times of the users still online. Without it the database closes
     * when the pool does, after everything that uses it. Any other URL as it is.
     */
    public static String url(String url) {
        if (file(url).isEmpty() || url.toUpperCase(Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=")) {
            return url;
        }
        return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Marks the calling thread as one that journals its commits (or no longer): its connections leave the store's
     * writes to H2.
     */
    public static void journaling(boolean journals) {
        JOURNALING.set(journals);
    }

    /**
     * Lets H2 write its pages in the background, at most {@code writeDelay} after a commit, and from then on writes the
     * store after every commit of a thread that does not {@linkplain #journaling journal} its own.
     */
    public void deferWrites(Duration writeDelay) throws SQLException {
        try (var connection = obtainTargetDataSource().getConnection()) {
            var session = session(connection);
            deferred = session.getDatabase().getStore();
            session.getDatabase().setWriteDelay((int) writeDelay.toMillis());
        }
    }

    /** Writes every committed change still only in memory to the file, as a commit does with {@code WRITE_DELAY=0}. */
    public void write() {
        var store = deferred;
        if (store != null
                && !store.getMvStore().isClosed()
                && store.getMvStore().hasUnsavedChanges()) {
            store.flush();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return writing(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return writing(super.getConnection(username, password));
    }

    /**
     * The connection, writing the store after it commits and when it is closed; as it is until writes are deferred,
     * and on a thread that journals its commits.
     */
    private Connection writing(Connection connection) {
        if (deferred == null || JOURNALING.get()) {
            return connection;
        }
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("equals")) {
                        return proxy == args[0];
                    }
                    if (name.equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (name.equals("close")) {
                        try {
                            if (!connection.isClosed()) {
                                write(); // what it committed in auto-commit mode
                            }
                        } finally {
                            connection.close();
                        }
                        return null;
                    }
                    Object result;
                    try {
                        result = method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (name.equals("commit")) {
                        write();
                    }
                    return result;
                });
    }

    private static SessionLocal session(Connection connection) throws SQLException {
        return (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
    }
}
