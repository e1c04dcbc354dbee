package io.journeyline.journey.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.journey.persistence.TimelineRepository.Position;
import io.journeyline.journey.persistence.TimelineRepository.Query;
import io.journeyline.platform.persistence.NativeSelect;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24: what an agent reads about one customer costs what the answer shows, not what the customer's history
 * holds. Counted by PostgreSQL itself: the rows each of the very statements the repositories run touches in each table
 * ({@code EXPLAIN ANALYZE}: rows returned plus rows read and dropped by a filter), over two linked customers with
 * 20,000 timeline entries each (a minute apart: touchpoints, every 50th a contact, every 1,000th a survey answer) and a
 * third with 50 — inserted and analysed in a transaction that is rolled back. The statement the timeline ran before
 * ({@code customer_id in (…) order by … limit}) is measured beside them: it reads the whole group.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AgentReadPlanTest {
    private static final Pattern PARAMETER = Pattern.compile("\\?(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GROUP = List.of("plan-a", "plan-b");
    private static final int HISTORY = 20_000;
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    private static Connection connection;
    private static Statement sql;

    @BeforeAll
    static void twoLongHistories() throws SQLException {
        var config = ConfigProvider.getConfig();
        connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
        connection.setAutoCommit(false);
        sql = connection.createStatement();
        sql.execute("""
                insert into customers (id, first_seen_at, last_seen_at, event_count, group_id)
                values ('plan-a', now(), now(), 20000, 'plan-a'), ('plan-b', now(), now(), 20000, 'plan-a'),
                       ('plan-c', now(), now(), 50, null)""");
        sql.execute("""
                insert into timeline_entries (customer_id, event_source, event_id, type, occurred_at, summary, data,
                    recorded_at)
                select c, '/plan', c || '-' || g,
                    case when g %% 1000 = 0 then 'io.journeyline.survey.responded'
                         else 'io.journeyline.touchpoint.recorded' end,
                    timestamptz '%s' - g * interval '1 minute', 'plan',
                    case when g %% 1000 = 0
                         then '{"surveyKind":"' || (array['NPS', 'CSAT', 'CES'])[1 + (g / 1000) %% 3]
                              || '","scores":{"primary":' || (g / 1000) %% 5 || '}}'
                         when g %% 50 = 0 then '{"action":"contact","topic":"billing"}'
                         else '{"action":"visit"}' end,
                    now()
                from (values ('plan-a', %d), ('plan-b', %d), ('plan-c', 50)) as h (c, n),
                    generate_series(1, h.n) g""".formatted(NOW, HISTORY, HISTORY));
        sql.execute("""
                insert into contact_counts (customer_id, topic, hour, contacts)
                select customer_id, data::jsonb ->> 'topic', date_trunc('hour', occurred_at at time zone 'UTC') at time zone 'UTC',
                    count(*)
                from timeline_entries where customer_id like 'plan-%' and data::jsonb ->> 'action' = 'contact'
                group by 1, 2, 3""");
        sql.execute("""
                insert into contact_counts (customer_id, topic, hour, contacts)
                select 'plan-other-' || (g % 2000), 'billing', date_trunc('hour', now()) - (g / 2000) * interval '1 hour', 1
                from generate_series(1, 300000) g""");   // the other customers' hours: a table the size of real use
        sql.execute("analyze timeline_entries");
        sql.execute("analyze contact_counts");
    }

    @AfterAll
    static void takeThemBack() throws SQLException {
        connection.rollback();
        connection.close();
    }

    @Test
    void theStatementBeforeReadTheWholeGroup() throws Exception {
        NativeSelect before = new NativeSelect("select * from timeline_entries where customer_id = any(cast(cast(?1 as text)"
                + " as text[])) order by occurred_at desc, seq desc limit 51", List.of("{plan-a,plan-b}"));
        assertThat(rowsTouched(before, "timeline_entries")).isGreaterThanOrEqualTo(2 * HISTORY);
    }

    @Test
    void aLinkedGroupsPageReadsAPageFromEachCustomer() throws Exception {
        for (Position after : new Position[]{null, new Position(NOW.minusMinutes(15_000), 0)}) {
            NativeSelect page = TimelineRepository.pageSelect(query(List.of(), after), GROUP);
            assertThat(rowsTouched(page, "timeline_entries")).as("after %s", after).isLessThanOrEqualTo(2 * 51);
        }
    }

    @Test
    void aPageOfRareTypesReadsOnlyEntriesOfThoseTypes() throws Exception {
        var types = List.of("io.journeyline.survey.responded", "io.journeyline.journey.stage-changed");
        NativeSelect page = TimelineRepository.pageSelect(query(types, null), GROUP);
        // 20 survey answers each, no stage change: what the page shows, nothing skipped on the way
        assertThat(rowsTouched(page, "timeline_entries")).isEqualTo(2 * HISTORY / 1000);
    }

    @Test
    void theLatestScoresAreOneEntryPerCustomerAndKind() throws Exception {
        NativeSelect scores = TimelineRepository.latestScoresSelect(GROUP);
        // one probe per customer and kind (EXPLAIN rounds a probe's rows up to 1 per loop)
        assertThat(rowsTouched(scores, "timeline_entries")).isLessThanOrEqualTo(2L * SurveyKind.values().length);
    }

    @Test
    void contactsInTheWindowAreItsHoursAndAnHourOfTheTimeline() throws Exception {
        NativeSelect contacts = ContactCountRepository.sinceSelect(GROUP, NOW.minusDays(10).minusMinutes(30));
        // 10 days of contacts every 50 minutes: at most one row per customer and hour; and the first hour's entries
        // of the timeline (a minute apart: 60 per customer)
        assertThat(rowsTouched(contacts, "contact_counts")).isLessThanOrEqualTo(2 * (10 * 24 + 1));
        assertThat(rowsTouched(contacts, "timeline_entries")).isLessThanOrEqualTo(2 * 60);
    }

    private static Query query(List<String> types, Position after) {
        return new Query(null, types, null, null, null, null, after, 51);
    }

    /**
     * The rows a statement's scans of {@code table} touch, by {@code EXPLAIN ANALYZE}: each scan's rows returned and rows
     * its filter or recheck dropped, times its loops.
     */
    private static long rowsTouched(NativeSelect select, String table) throws Exception {
        List<String> types = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Object value : select.values()) {
            if (value instanceof OffsetDateTime time) {
                types.add("timestamptz");
                values.add("'" + time + "'");
            } else if (value instanceof Number number) {
                types.add("bigint");
                values.add(number.toString());
            } else {
                types.add("text");
                values.add("'" + value.toString().replace("'", "''") + "'");
            }
        }
        Matcher parameters = PARAMETER.matcher(select.sql());
        sql.execute("deallocate all");
        sql.execute("prepare read(" + String.join(", ", types) + ") as " + parameters.replaceAll("\\$$1"));
        try (ResultSet rs = sql.executeQuery("explain (analyze, format json) execute read(" + String.join(", ", values) + ")")) {
            rs.next();
            return touched(JSON.readTree(rs.getString(1)).get(0).get("Plan"), table);
        }
    }

    private static long touched(JsonNode node, String table) {
        long rows = 0;
        if (table.equals(node.path("Relation Name").asText())) {
            rows += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                    + node.path("Rows Removed by Index Recheck").asLong()) * node.path("Actual Loops").asLong(1);
        }
        for (JsonNode child : node.path("Plans")) {
            rows += touched(child, table);
        }
        return rows;
    }
}
