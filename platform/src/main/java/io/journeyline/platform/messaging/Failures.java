package io.journeyline.platform.messaging;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that may pass (the database or broker is unavailable, a deadlock, a serialization
 * conflict) from one that will recur on every try (a bug, a constraint, an impossible state). The consumer
 * pipeline retries the first kind and dead-letters the event on the second; it asks the database too before it
 * believes a failure permanent, so an unknown kind of outage never dead-letters good events.
 */
public final class Failures {
    /** SQLSTATE classes and codes that describe the moment, not the data (PostgreSQL Appendix A). */
    private static final Set<String> TRANSIENT_SQLSTATE_CLASSES = Set.of("08", "53", "57", "58");
    private static final Set<String> TRANSIENT_SQLSTATES = Set.of("40001", "40P01", "55P03");

    private Failures() {
    }

    /**
     * Whether {@code failure} or any of its causes is known to pass by itself. The first cause that carries a
     * SQLSTATE decides, whichever way it arrives: as Vert.x's {@link PgException} from the reactive client, or as the
     * {@link SQLException} Hibernate Reactive wraps it in (a deadlock reaches a service as
     * {@code LockAcquisitionException} caused by a {@code SQLException} with SQLSTATE 40P01).
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = ownSqlState(t);
            if (state != null) {
                return TRANSIENT_SQLSTATES.contains(state)
                        || TRANSIENT_SQLSTATE_CLASSES.contains(state.substring(0, Math.min(2, state.length())));
            }
            if (t instanceof ClosedConnectionException || t instanceof IOException || t instanceof TimeoutException
                    || t instanceof io.smallrye.mutiny.TimeoutException || t instanceof RetriableException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            // The reactive pool's words for "no connection to be had"; they come as plain exceptions.
            if (message.contains("Connection refused") || message.contains("Pool closed")
                    || message.contains("Timeout") && message.contains("connection")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A short name for what failed, for a metric tag: the first SQLSTATE in the causes ({@code 40P01}), else the
     * innermost exception's simple class name.
     */
    public static String kind(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = ownSqlState(t);
            if (state != null) {
                return state;
            }
            root = t;
        }
        return root.getClass().getSimpleName();
    }

    /** SQLSTATE query_canceled: the statement ran past the statement timeout (or an operator cancelled it). */
    public static final String STATEMENT_TIMEOUT = "57014";

    /**
     * Whether PostgreSQL cancelled the statement ({@value #STATEMENT_TIMEOUT}): transient for a retry or two (a lock
     * held a while), but the same work may time out every time, so after its retries it counts as permanent — a
     * consumer isolates the event that keeps timing out, a timer counts the attempt.
     */
    public static boolean isStatementTimeout(Throwable failure) {
        return sqlState(failure).filter(STATEMENT_TIMEOUT::equals).isPresent();
    }

    /** The first SQLSTATE among {@code failure} and its causes, if any carries one. */
    public static java.util.Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = ownSqlState(t);
            if (state != null) {
                return java.util.Optional.of(state);
            }
        }
        return java.util.Optional.empty();
    }

    /** The SQLSTATE {@code t} itself carries, or null. */
    private static String ownSqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }

    /**
     * Whether Kafka refused a record for good: too large (for the producer's {@code max.request.size} or the broker's
     * limit), invalid, or for a topic that cannot exist. Sending the same record again cannot help.
     */
    public static boolean isRefusedRecord(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidRecordException || t instanceof InvalidTopicException
                    || t instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    /** One line for a dead-letter header: the innermost message with its exception type. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String described = root.getClass().getName() + ": " + root.getMessage();
        return root == failure ? described : failure.getClass().getSimpleName() + " caused by " + described;
    }
}
