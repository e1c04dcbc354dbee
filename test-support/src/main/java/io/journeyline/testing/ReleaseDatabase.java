package io.journeyline.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real PostgreSQL database (embedded binaries) as an earlier release left it, for tests that run today's migrations
 * over it: {@link #fromFixture} loads a committed SQL fixture — that release's schema, both migration histories and
 * representative rows — and {@link #migrateToday} runs the migrations on the classpath with the services'
 * configuration (platform {@code META-INF/microprofile-config.properties}: the service's {@code db/migration} in
 * {@code flyway_schema_history}, then the platform's {@code db/platform} in {@code platform_schema_history}, baselined
 * at 0 under existing tables). {@link #writeFixture} makes such a fixture from an old checkout. No Quarkus needed.
 */
public final class ReleaseDatabase implements AutoCloseable {
    /** The service's migration history table. */
    public static final String SERVICE_HISTORY = "flyway_schema_history";
    /** The platform's migration history table. */
    public static final String PLATFORM_HISTORY = "platform_schema_history";
    /** Debian's pg_dump (PostgreSQL 15), which can dump the embedded 14 server. */
    private static final String PG_DUMP = "/usr/lib/postgresql/15/bin/pg_dump";

    private final EmbeddedPostgres postgres;

    private ReleaseDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A new empty database. */
    public static ReleaseDatabase empty() {
        try {
            return new ReleaseDatabase(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL", e);
        }
    }

    /** A new database holding the fixture {@code resource} (a classpath SQL script, as {@link #writeFixture} writes). */
    public static ReleaseDatabase fromFixture(String resource) {
        ReleaseDatabase database = empty();
        try (InputStream in = ReleaseDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource + " on the classpath");
            }
            database.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return database;
        } catch (IOException | RuntimeException e) {
            database.close();
            throw new IllegalStateException("could not load " + resource, e);
        }
    }

    /** The service's history over {@code serviceLocations}, as the service runs it at start. */
    public Flyway service(String... serviceLocations) {
        return Flyway.configure().dataSource(jdbcUrl(), "postgres", "postgres")
                .locations(serviceLocations).table(SERVICE_HISTORY).load();
    }

    /** The platform's history over {@code platformLocations}, as every service runs it at start. */
    public Flyway platform(String... platformLocations) {
        return Flyway.configure().dataSource(jdbcUrl(), "postgres", "postgres")
                .locations(platformLocations).table(PLATFORM_HISTORY)
                .baselineOnMigrate(true).baselineVersion("0").load();
    }

    /** Today's migrations on the classpath ({@code db/migration}, then {@code db/platform}), as a service starts. */
    public void migrateToday() {
        service("classpath:db/migration").migrate();
        platform("classpath:db/platform").migrate();
    }

    /** Flyway's validate of both histories against today's migrations; throws naming what does not match. */
    public void validateToday() {
        service("classpath:db/migration").validate();
        platform("classpath:db/platform").validate();
    }

    /** Each row of {@code sql} as its columns joined by {@code |} ({@code null} for SQL null). */
    public List<String> rows(String sql) {
        try (Connection connection = connection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(result.getString(i)));
                }
                rows.add(String.join("|", values));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs {@code sql} (one or more statements). */
    public void execute(String sql) {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run SQL", e);
        }
    }

    /**
     * The schema of the database, apart from the migration histories, in a form to compare: every column (type,
     * nullability, default), constraint and index, sorted (so the order columns were added in does not count).
     */
    public List<String> schema() {
        String notHistory = " not in ('" + SERVICE_HISTORY + "', '" + PLATFORM_HISTORY + "')";
        List<String> schema = new ArrayList<>();
        schema.addAll(rows("select 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null='"
                + " || is_nullable || ' default=' || coalesce(column_default, '-') || ' identity=' || is_identity"
                + " from information_schema.columns where table_schema = 'public' and table_name" + notHistory));
        schema.addAll(rows("select 'constraint ' || c.conrelid::regclass || ' ' || c.conname || ' '"
                + " || pg_get_constraintdef(c.oid) from pg_constraint c join pg_namespace n on n.oid = c.connamespace"
                + " where n.nspname = 'public' and c.conrelid::regclass::text" + notHistory));
        schema.addAll(rows("select 'index ' || indexdef from pg_indexes where schemaname = 'public' and tablename"
                + notHistory));
        schema.addAll(rows("select 'sequence ' || sequence_name from information_schema.sequences"
                + " where sequence_schema = 'public'"));
        return schema.stream().sorted().toList();
    }

    /** A connection to the database (the caller closes it). */
    public Connection connection() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    /** The database's JDBC URL. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("could not stop PostgreSQL", e);
        }
    }

    /**
     * Writes the fixture {@code src/test/resources/db/fixtures/<release>.sql} of the module the test runs in (its
     * working directory) from the checkout of {@code release} named by {@code -Dfixture.tree} and the rows of
     * {@code <release>-rows.sql} beside it; the header says how, with the release's commit and the command to run
     * again. Does nothing without {@code -Dfixture.tree}.
     */
    public static void writeFixtureIfAsked(String module, String release, String test) throws Exception {
        String tree = System.getProperty("fixture.tree");
        if (tree == null || tree.isBlank()) {
            return;
        }
        Path oldTree = Path.of(tree);
        Process git = new ProcessBuilder("git", "-C", tree, "log", "-1", "--format=%H %ad", "--date=short").start();
        String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        git.waitFor();
        Path fixtures = Path.of("src/test/resources/db/fixtures");
        String header = """
                %1$s.sql: %2$s's database at %1$s (commit %3$s), for %4$s.
                Made by ReleaseDatabase.writeFixture: a checkout of the release (git worktree add --detach <dir> %1$s),
                its migrations (%2$s/src/main/resources/db/migration, then platform/src/main/resources/db/platform, as
                the services run them) applied to an empty embedded PostgreSQL 14, the rows of %1$s-rows.sql inserted,
                then pg_dump 15 --column-inserts --no-owner --no-privileges. Made again, never edited, with:
                  ./mvnw -o verify -pl %2$s -Dtest=%4$s -Dfixture.tree=<dir> -DskipITs
                """.formatted(release, module, commit, test);
        Path fixture = fixtures.resolve(release + ".sql");
        writeFixture(oldTree, module, fixtures.resolve(release + "-rows.sql"), fixture, header);
        // This run loads it from the classpath, which resources were copied to before it was written.
        Path copied = Path.of("target/test-classes/db/fixtures").resolve(fixture.getFileName());
        Files.createDirectories(copied.getParent());
        Files.copy(fixture, copied, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes a fixture of an earlier release: a new database migrated by the migrations of {@code oldTree} (a checkout
     * of the release, e.g. a {@code git worktree} of its tag) for {@code serviceModule} — its own history first, then
     * the platform's, as the services start — filled by {@code rowsScript}, and dumped by pg_dump as plain SQL with
     * column inserts under {@code header} (comment lines saying how it was made).
     */
    public static void writeFixture(Path oldTree, String serviceModule, Path rowsScript, Path out, String header)
            throws IOException, InterruptedException {
        try (ReleaseDatabase database = empty()) {
            database.service("filesystem:" + oldTree.resolve(serviceModule + "/src/main/resources/db/migration")).migrate();
            database.platform("filesystem:" + oldTree.resolve("platform/src/main/resources/db/platform")).migrate();
            database.execute(Files.readString(rowsScript));
            Process dump = new ProcessBuilder(PG_DUMP, "--no-owner", "--no-privileges", "--column-inserts",
                    "--host=localhost", "--port=" + database.postgres.getPort(), "--username=postgres", "postgres")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String sql = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0) {
                throw new IllegalStateException("pg_dump failed");
            }
            // psql meta-commands (\restrict of newer pg_dump versions) are not SQL: JDBC cannot run them.
            String body = sql.lines().filter(line -> !line.startsWith("\\")).collect(Collectors.joining("\n"));
            String comment = header.lines().map(line -> ("-- " + line).stripTrailing()).collect(Collectors.joining("\n"));
            Files.createDirectories(out.getParent());
            Files.writeString(out, comment + "\n\n" + body + "\n");
        }
    }
}
