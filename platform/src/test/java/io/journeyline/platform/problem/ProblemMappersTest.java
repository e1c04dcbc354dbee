package io.journeyline.platform.problem;

import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.exception.SQLGrammarException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client hears when a request fails for no fault of its own: a failure that passes (the database away, a
 * deadlock) is a 503 it may retry after a while, a statement the database cancelled for its timeout a 503 that says
 * to narrow the request — as Hibernate hands those failures over; anything else unexpected stays a 500.
 */
class ProblemMappersTest {
    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aDeadlockOrALostDatabaseIs503WithRetryAfter() {
        var deadlock = mappers.unexpected(new CompletionException(new LockAcquisitionException("could not execute",
                new SQLException("ERROR: deadlock detected", "40P01"))));
        assertThat(deadlock.getStatus()).isEqualTo(503);
        assertThat(deadlock.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) deadlock.getEntity()).type()).endsWith("/unavailable");

        assertThat(mappers.unexpected(new ConnectException("Connection refused")).getStatus()).isEqualTo(503);
    }

    @Test
    void aStatementCancelledForItsTimeoutIs503SayingSo() {
        var timeout = mappers.unexpected(new SQLGrammarException("could not execute",
                new SQLException("ERROR: canceling statement due to statement timeout", "57014")));
        assertThat(timeout.getStatus()).isEqualTo(503);
        assertThat(timeout.getHeaderString("Retry-After")).as("the same request would time out again").isNull();
        assertThat(((Problem) timeout.getEntity()).detail()).contains("journeyline.db.statement-timeout");
    }

    @Test
    void aBugIsStill500() {
        var bug = mappers.unexpected(new IllegalStateException("impossible"));
        assertThat(bug.getStatus()).isEqualTo(500);
        assertThat(bug.getHeaderString("Retry-After")).isNull();
    }
}
