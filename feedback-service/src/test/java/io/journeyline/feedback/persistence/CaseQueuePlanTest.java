package io.journeyline.feedback.persistence;

import io.journeyline.feedback.persistence.CaseRepository.Order;
import io.journeyline.feedback.persistence.CaseRepository.Position;
import io.journeyline.feedback.persistence.CaseRepository.Query;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's statements, as {@link CaseRepository#queue} runs them, read the page from an index walk in the page's
 * order, a cursor being where the walk starts (an index condition, not a filter), and join only the page to its clocks
 * (V6's index). EXPLAIN on the test's database with sorts and whole-table scans priced out, so a plan shows a sort only
 * where no index gives the order: the one sort allowed is that of the two walks of a page by urgency after a cursor,
 * over at most twice the page.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CaseQueuePlanTest {
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final Position NEWEST_AFTER = new Position(AT, "case-1", 2, null);
    private static final Position URGENT_AFTER = new Position(AT, "case-1", 1, AT.plusHours(4));
    private static final Position REST_AFTER = new Position(AT, "case-1", 2, null);

    @Test
    void newestFirstWalksTheNewestOrTheStatusIndexFromTheCursor() throws Exception {
        assertThat(plan(query(null, Order.NEWEST, null))).contains("cases_newest").doesNotContain("Sort");
        assertThat(plan(query(null, Order.NEWEST, NEWEST_AFTER))).contains("cases_newest")
                .contains("Index Cond: (ROW(opened_at, id) < ROW(").doesNotContain("Sort");
        assertThat(plan(query("RECEIVED", Order.NEWEST, NEWEST_AFTER))).contains("cases_by_status")
                .contains("Index Cond: ((status = 'RECEIVED'::text) AND (ROW(opened_at, id) < ROW(").doesNotContain("Sort");
        assertThat(plan(new Query(null, null, null, null, null, "ada", null, 51, Order.NEWEST, NEWEST_AFTER)))
                .contains("cases_by_assignee").doesNotContain("Sort");
        assertThat(plan(new Query(null, null, null, "parcel", null, null, null, 51, Order.NEWEST, null)))
                .contains("cases_by_topic").doesNotContain("Sort");
    }

    @Test
    void byUrgencyTheUrgencyIndexesGiveTheOrderAndACursorStartsBothWalks() throws Exception {
        assertThat(plan(query(null, Order.URGENCY, null))).contains("cases_by_urgency").doesNotContain("Sort");
        assertThat(plan(query("RECEIVED", Order.URGENCY, null))).contains("cases_by_status_urgency").doesNotContain("Sort");
        for (Position after : List.of(URGENT_AFTER, REST_AFTER)) {
            String plan = plan(query(null, Order.URGENCY, after));
            assertThat(plan).contains("cases_by_urgency")
                    .contains("ROW(opened_at, id) < ROW(").contains("Index Cond: (ROW(urgency, urgent_due_at) > ROW(");
            assertThat(sorts(plan)).as(plan).isEqualTo(1);
            String ofStatus = plan(query("CLOSED", Order.URGENCY, after));
            assertThat(ofStatus).contains("cases_by_status_urgency").doesNotContain("Seq Scan");
            assertThat(sorts(ofStatus)).as(ofStatus).isEqualTo(1);
        }
    }

    private static Query query(String status, Order order, Position after) {
        return new Query(null, status, null, null, null, null, null, 51, order, after);
    }

    /** The plan of the statement with its parameters, prepared as the service's driver prepares it. */
    private static String plan(Query query) throws Exception {
        CaseRepository.Sql sql = CaseRepository.queueSql(query);
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
             Statement statement = db.createStatement()) {
            statement.execute("set enable_seqscan = off; set enable_bitmapscan = off; set enable_sort = off;"
                    + " set enable_incremental_sort = off");
            statement.execute("prepare page as " + sql.text().replaceAll("\\?(\\d+)", "\\$$1"));
            List<String> values = new ArrayList<>();
            for (Object value : sql.values()) {
                values.add(value instanceof Number ? value.toString() : "'" + value + "'");
            }
            StringBuilder lines = new StringBuilder();
            try (ResultSet plan = statement.executeQuery("explain (costs off) execute page"
                    + (values.isEmpty() ? "" : "(" + String.join(", ", values) + ")"))) {
                while (plan.next()) {
                    lines.append(plan.getString(1)).append('\n');
                }
            }
            assertThat(lines.toString()).as("the page's clocks").contains("case_sla_open_by_urgency");
            return lines.toString();
        }
    }

    private static int sorts(String plan) {
        Matcher sort = Pattern.compile("(?m)^\\s*(->\\s+)?(Incremental )?Sort$").matcher(plan);
        int n = 0;
        while (sort.find()) {
            n++;
        }
        return n;
    }
}
