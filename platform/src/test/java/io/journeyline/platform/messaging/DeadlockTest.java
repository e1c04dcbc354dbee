package io.journeyline.platform.messaging;

import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A PostgreSQL deadlock as a service meets it — through Hibernate Reactive, not as the driver's own exception — is a
 * failure that passes: the consumer pipeline retries it instead of dead-lettering the event it was processing.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DeadlockTest {
    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void aDeadlockReachesTheServiceThroughHibernateAndIsTransient() throws Exception {
        try (Connection theirs = connect(); Connection observer = connect()) {
            theirs.setAutoCommit(false);
            // PostgreSQL aborts the transaction whose deadlock check finds the cycle; theirs checks only after 60 s,
            // ours after the default 1 s, and ours closes the cycle last: ours is the one aborted.
            execute(theirs, "set deadlock_timeout = '60s'");
            execute(theirs, "select id from lock_rows where id = 2 for update");
            int theirsPid = pid(theirs);

            CompletableFuture<Void> oursHoldsRow1 = new CompletableFuture<>();
            CompletableFuture<Void> oursMayGoOn = new CompletableFuture<>();
            CompletableFuture<Throwable> ours = CompletableFuture.supplyAsync(() -> {
                try {
                    VertxContextSupport.subscribeAndAwait(() -> sessions.withTransaction(session -> session
                            .createNativeQuery("select id from lock_rows where id = 1 for update", Integer.class)
                            .getResultList()
                            .invoke(() -> oursHoldsRow1.complete(null))
                            .chain(() -> {
                                // back on the session's own Vert.x context once the test lets it go on
                                io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
                                return Uni.createFrom().completionStage(oursMayGoOn)
                                        .emitOn(task -> context.runOnContext(ignored -> task.run()));
                            })
                            .chain(() -> session.createNativeQuery("select id from lock_rows where id = 2 for update",
                                    Integer.class).getResultList())));
                    return null;
                } catch (Throwable failure) {
                    return failure;
                }
            });
            oursHoldsRow1.get(30, TimeUnit.SECONDS);
            CompletableFuture<Void> theirsWaits = CompletableFuture.runAsync(() ->
                    execute(theirs, "select id from lock_rows where id = 1 for update"));
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForALock(observer, theirsPid));
            oursMayGoOn.complete(null);

            Throwable failure = ours.get(30, TimeUnit.SECONDS);
            theirsWaits.get(30, TimeUnit.SECONDS);
            theirs.rollback();

            assertThat(failure).as("our transaction was chosen as the deadlock victim").isNotNull();
            assertThat(causes(failure)).as("how the deadlock reaches a service")
                    .anySatisfy(cause -> assertThat(cause).isInstanceOfSatisfying(SQLException.class,
                            sql -> assertThat(sql.getSQLState()).isEqualTo("40P01")))
                    .noneSatisfy(cause -> assertThat(cause).isInstanceOf(io.vertx.pgclient.PgException.class));
            assertThat(Failures.isTransient(failure)).isTrue();
        }
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** Whether the backend {@code pid} waits for a lock it has not been granted. */
    private static boolean waitingForALock(Connection observer, int pid) throws SQLException {
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from pg_locks where not granted and pid = " + pid)) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
