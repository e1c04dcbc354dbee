package io.journeyline.platform.retention;

import java.time.Duration;

/**
 * Data kept for a while: {@link Retention} deletes what is older than {@code retention}, at most a batch per statement,
 * with {@code deleteSql} — {@code ?1} the cut-off time, {@code ?2} the most rows one statement may take; it answers the
 * rows it deleted (of its main table; a statement may take dependent rows with them in data-modifying CTEs).
 *
 * @param name the metric's {@code table} tag and the log's name for it
 */
public record RetainedData(String name, Duration retention, String deleteSql) {

    /** A table whose rows go by the age of {@code timeColumn} (and {@code condition}, if not null). */
    public static RetainedData table(String table, String timeColumn, String condition, Duration retention) {
        return new RetainedData(table, retention, "delete from " + table + " where ctid = any(array(select ctid from "
                + table + " where " + timeColumn + " < ?1" + (condition == null ? "" : " and (" + condition + ")")
                + " limit ?2))");
    }

    public static RetainedData table(String table, String timeColumn, Duration retention) {
        return table(table, timeColumn, null, retention);
    }
}
