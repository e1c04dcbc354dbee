package io.journeyline.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole database the way an auditor would after an erasure: every table of the public schema, every row as
 * text, looking for a value (a customer id, an e-mail, a comment). Plain JDBC, outside the service under test.
 */
public final class DatabaseScan {
    private final String jdbcUrl;
    private final String user;
    private final String password;

    public DatabaseScan(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The database of the {@code @QuarkusTest} running now ({@link RealInfrastructure}'s). */
    public static DatabaseScan ofThisTest() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        return new DatabaseScan(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** Runs one statement on the database, outside the service (a test's trigger, say). */
    public void execute(String statement) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    /** The rows a query answers, each as its columns' texts joined by {@code |} (null as "null"). */
    public List<String> rows(String select) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             ResultSet rs = connection.createStatement().executeQuery(select)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(select + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** Every table (with how many rows) that holds {@code text} anywhere in a row, e.g. {@code [timeline_entries: 3]}. */
    public List<String> tablesHolding(String text) {
        List<String> found = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery(
                    "select tablename from pg_tables where schemaname = 'public' order by tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "select count(*) from \"" + table + "\" t where strpos(t::text, ?) > 0")) {
                    statement.setString(1, text);
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(table + ": " + rs.getLong(1));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not scan " + jdbcUrl, e);
        }
        return found;
    }
}
