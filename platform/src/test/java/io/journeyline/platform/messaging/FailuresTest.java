package io.journeyline.platform.messaging;

import io.vertx.pgclient.PgException;
import org.hibernate.HibernateException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures the consumer retries and which it isolates: SQLSTATEs from PostgreSQL's Appendix A. */
class FailuresTest {

    @Test
    void outagesDeadlocksAndSerializationConflictsPass() {
        assertThat(Failures.isTransient(pg("08006", "connection failure"))).isTrue();
        assertThat(Failures.isTransient(pg("57P01", "terminating connection due to administrator command"))).isTrue();
        assertThat(Failures.isTransient(pg("40P01", "deadlock detected"))).isTrue();
        assertThat(Failures.isTransient(pg("40001", "could not serialize access"))).isTrue();
        assertThat(Failures.isTransient(pg("53300", "too many connections"))).isTrue();
        assertThat(Failures.isTransient(new ConnectException("Connection refused"))).isTrue();
    }

    @Test
    void badDataConstraintsAndBugsRecur() {
        assertThat(Failures.isTransient(pg("22021", "invalid byte sequence for encoding \"UTF8\": 0x00"))).isFalse();
        assertThat(Failures.isTransient(pg("23505", "duplicate key value violates unique constraint"))).isFalse();
        assertThat(Failures.isTransient(pg("42P01", "relation does not exist"))).isFalse();
        assertThat(Failures.isTransient(new NullPointerException())).isFalse();
        assertThat(Failures.isTransient(new IllegalStateException("impossible state"))).isFalse();
    }

    @Test
    void theCauseDecidesWhenTheFailureIsWrapped() {
        assertThat(Failures.isTransient(new CompletionException(new HibernateException("flush failed",
                pg("40P01", "deadlock detected"))))).isTrue();
        assertThat(Failures.isTransient(new CompletionException(new HibernateException("flush failed",
                pg("23514", "check constraint"))))).isFalse();
        // Through Hibernate (ORM or Reactive) the SQLSTATE comes on a java.sql.SQLException, not on PgException.
        assertThat(Failures.isTransient(new LockAcquisitionException("could not execute statement",
                new SQLException("ERROR: deadlock detected", "40P01")))).isTrue();
        assertThat(Failures.isTransient(new HibernateException("could not execute statement",
                new SQLException("ERROR: could not serialize access", "40001")))).isTrue();
        assertThat(Failures.isTransient(new HibernateException("could not execute statement",
                new SQLException("ERROR: duplicate key value", "23505")))).isFalse();
        // a statement cancelled by the statement timeout is retried like an outage, and known apart
        HibernateException timedOut = new HibernateException("could not execute statement",
                new SQLException("ERROR: canceling statement due to statement timeout", "57014"));
        assertThat(Failures.isTransient(timedOut)).isTrue();
        assertThat(Failures.isStatementTimeout(timedOut)).isTrue();
        assertThat(Failures.isStatementTimeout(pg("40P01", "deadlock detected"))).isFalse();
        assertThat(Failures.describe(new CompletionException(new IllegalStateException("poison"))))
                .isEqualTo("CompletionException caused by java.lang.IllegalStateException: poison");
    }

    private static PgException pg(String sqlState, String message) {
        return new PgException(message, "ERROR", sqlState, null);
    }
}
