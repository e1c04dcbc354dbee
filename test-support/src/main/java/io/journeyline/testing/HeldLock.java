package io.journeyline.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A row lock held by another transaction of the service's database — what a consumer's batch or a user's command
 * holds while it works a customer or a case — until closed (the transaction is rolled back):
 *
 * <pre>{@code
 * try (HeldLock busy = HeldLock.of("select id from cases where id = ? for update", caseId)) {
 *     // the timer poller must leave this case's timers for a later poll, not wait or deadlock
 * }
 * }</pre>
 */
public final class HeldLock implements AutoCloseable {
    private final Connection connection;

    private HeldLock(Connection connection) {
        this.connection = connection;
    }

    /** Runs {@code lockingQuery} (with its parameters) in a transaction left open. */
    public static HeldLock of(String lockingQuery, Object... parameters) throws SQLException {
        var config = ConfigProvider.getConfig();
        Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(lockingQuery)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.execute();
            }
            return new HeldLock(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
