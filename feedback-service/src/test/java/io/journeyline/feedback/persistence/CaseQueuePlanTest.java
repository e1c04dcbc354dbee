package io.journeyline.feedback.persistence;

import io.journeyline.feedback.persistence.CaseRepository.Order;
import io.journeyline.feedback.persistence.CaseRepository.Position;
import io.journeyline.feedback.persistence.CaseRepository.Query;
import io.journeyline.testing.ReleaseDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's statements, as {@link CaseRepository#queue} runs them, read a page from an index walk in the page's order
 * that starts at the cursor and stops after the page, whatever the number of cases: EXPLAIN ANALYZE on a database
 * migrated to today and seeded as the benchmark seeds the queue (open cases with their two clocks, a larger closed
 * history), counting the case rows each walk reads. Plain JUnit on embedded PostgreSQL: no Quarkus.
 */
class CaseQueuePlanTest {
    private static final int LIMIT = 51;
    /** What a page may read: a few times the page where a filter is walked, never the table. */
    private static final int READ_AT_MOST = 10 * LIMIT;
    private static ReleaseDatabase database;

    @BeforeAll
    static void seed() {
        database = ReleaseDatabase.empty();
        database.migrateToday();
        database.execute("""
                insert into cases (id, customer_id, topic, topic_key, status, priority, team, opened_at, updated_at)
                select 'closed-' || g, 'c-' || g, t.topic, t.topic, 'CLOSED', t.priority, null,
                    now() - interval '30 days' - g * interval '7 minutes', now()
                from generate_series(1, 30000) g,
                    lateral (select (array['parcel', 'billing', 'returns'])[1 + g % 3] as topic,
                                    (array['LOW', 'NORMAL', 'NORMAL', 'HIGH', 'CRITICAL'])[1 + g % 5] as priority) t;
                with opened as (
                    insert into cases (id, customer_id, topic, topic_key, status, priority, team, assignee, opened_at,
                        updated_at)
                    select 'open-' || g, 'o-' || g, (array['parcel', 'billing', 'returns'])[1 + g % 3], 'x' || g,
                        (array['RECEIVED', 'RECEIVED', 'RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'ESCALATED',
                               'REOPENED'])[1 + g % 7],
                        (array['LOW', 'NORMAL', 'NORMAL', 'HIGH', 'CRITICAL'])[1 + (g / 7) % 5],
                        (array[null, 'billing', 'tech'])[1 + (g / 3) % 3], 'agent-' || (g % 50),
                        now() - (g % 4000) * interval '10 minutes', now()
                    from generate_series(1, 10000) g
                    returning id, status, priority, opened_at)
                insert into case_sla (case_id, clock, target_ms, used_ms, running_since, stopped, warned, breached, due_at)
                select id, clock, target, 0, case when stopped then null else opened_at end, stopped,
                    due < now() + interval '1 hour' and not stopped, due < now() and not stopped,
                    case when stopped then null else due end
                from (select o.id, c.clock, o.opened_at, c.target, c.clock = 'ACKNOWLEDGE' and o.status <> 'RECEIVED' as stopped,
                          o.opened_at + c.target * interval '1 millisecond' as due
                      from opened o, (values ('ACKNOWLEDGE', 14400000), ('RESOLVE', 432000000)) c (clock, target)) s;
                update cases set (urgency, urgent_due_at) = (KEPT_URGENCY) where status <> 'CLOSED'""".replace(
                "KEPT_URGENCY", SlaRepository.KEPT_URGENCY));
        database.execute("vacuum analyze cases");
        database.execute("vacuum analyze case_sla");
        assertThat(database.rows("select count(distinct urgency) from cases")).containsExactly("3");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void newestFirstAPageReadsItsIndexFromTheCursorOn() throws Exception {
        Position deep = position("where status = 'RECEIVED' order by opened_at desc, id desc offset 3000");
        assertReadsAPage(query(null, null, Order.NEWEST, null), "cases_newest");
        assertReadsAPage(query(null, null, Order.NEWEST, position("order by opened_at desc, id desc offset 20000")),
                "cases_newest");
        assertReadsAPage(query("RECEIVED", null, Order.NEWEST, null), "cases_by_status");
        assertReadsAPage(query("RECEIVED", null, Order.NEWEST, deep), "cases_by_status");
        assertReadsAPage(query(null, "HIGH", Order.NEWEST, deep), "cases_newest");
        assertReadsAPage(new Query(null, null, null, null, null, "agent-7", null, LIMIT, Order.NEWEST, null),
                "cases_by_assignee");
        assertReadsAPage(new Query("o-12", null, null, null, null, null, null, LIMIT, Order.NEWEST, null),
                "cases_by_customer");
    }

    @Test
    void byUrgencyAPageReadsTheUrgencyIndexFromTheCursorOn() throws Exception {
        String byUrgency = "order by urgency, urgent_due_at, opened_at desc, id desc";
        assertReadsAPage(query(null, null, Order.URGENCY, null), "cases_by_urgency");
        assertReadsAPage(query(null, "HIGH", Order.URGENCY, null), "cases_by_urgency");
        assertReadsAPage(query("CLOSED", null, Order.URGENCY, null), "cases_by_status_urgency");
        for (String where : List.of("where urgency = 0", "where urgency = 2 and urgent_due_at < 'infinity'",
                "where urgency = 2 and urgent_due_at = 'infinity'")) {
            Position after = position(where + " " + byUrgency + " offset 100");
            assertReadsAPage(query(null, null, Order.URGENCY, after), "cases_by_urgency");
            assertReadsAPage(query(null, "HIGH", Order.URGENCY, after), "cases_by_urgency");
            assertReadsAPage(query("RECEIVED", null, Order.URGENCY, after), "cases_by_status_urgency");
        }
        assertReadsAPage(query("CLOSED", null, Order.URGENCY, position("where status = 'CLOSED' " + byUrgency
                + " offset 20000")), "cases_by_status_urgency");
    }

    private static Query query(String status, String priority, Order order, Position after) {
        return new Query(null, status, priority, null, null, null, null, LIMIT, order, after);
    }

    /** The case at that place, as the queue's cursor names it. */
    private static Position position(String where) {
        String row = database.rows("select extract(epoch from opened_at)::bigint, id, urgency,"
                + " extract(epoch from nullif(urgent_due_at, 'infinity'))::bigint from cases " + where + " limit 1").get(0);
        String[] at = row.split("\\|");
        return new Position(time(at[0]), at[1], Integer.parseInt(at[2]), at[3].equals("null") ? null : time(at[3]));
    }

    private static OffsetDateTime time(String epochSeconds) {
        return OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(Long.parseLong(epochSeconds)),
                java.time.ZoneOffset.UTC);
    }

    /**
     * The statement's plan reads its cases from {@code index} (and no whole table), at most {@link #READ_AT_MOST} case
     * rows in all, sorts at most the two walks' rows of a page by urgency after a cursor, and joins only the page to
     * its clocks through V6's index.
     */
    private static void assertReadsAPage(Query query, String index) throws Exception {
        String plan = plan(query);
        assertThat(plan).as(plan).contains("using " + index + " on cases").doesNotContain("Seq Scan")
                .contains("case_sla_open_by_urgency");
        int read = 0;
        int scans = 0;
        Matcher scan = Pattern.compile("Index Scan using (cases_\\w+) on cases(?: \\w+)? \\(actual rows=(\\d+) loops=1\\)"
                + "(?:\\n(?:\\s+(?:Index Cond|Filter): .*\\n)*\\s+Rows Removed by Filter: (\\d+))?").matcher(plan);
        while (scan.find()) {
            scans++;
            read += Integer.parseInt(scan.group(2)) + (scan.group(3) == null ? 0 : Integer.parseInt(scan.group(3)));
        }
        assertThat(scans).as(plan).isPositive();
        assertThat(read).as(plan).isLessThanOrEqualTo(READ_AT_MOST);
        Matcher sort = Pattern.compile("(?m)^\\s*(->\\s+)?Sort \\(actual rows=(\\d+)").matcher(plan);
        while (sort.find()) {
            assertThat(Integer.parseInt(sort.group(2))).as(plan).isLessThanOrEqualTo(2 * LIMIT);
        }
    }

    /** EXPLAIN ANALYZE of the statement with its parameters, prepared as the service's driver prepares it. */
    private static String plan(Query query) throws Exception {
        CaseRepository.Sql sql = CaseRepository.queueSql(query);
        try (Connection db = database.connection(); Statement statement = db.createStatement()) {
            statement.execute("prepare page as " + sql.text().replaceAll("\\?(\\d+)", "\\$$1"));
            List<String> values = new ArrayList<>();
            for (Object value : sql.values()) {
                values.add(value instanceof Number ? value.toString() : "'" + value + "'");
            }
            StringBuilder lines = new StringBuilder();
            try (ResultSet plan = statement.executeQuery("explain (analyze, costs off, timing off, summary off) execute page"
                    + (values.isEmpty() ? "" : "(" + String.join(", ", values) + ")"))) {
                while (plan.next()) {
                    lines.append(plan.getString(1)).append('\n');
                }
            }
            return lines.toString();
        }
    }
}
