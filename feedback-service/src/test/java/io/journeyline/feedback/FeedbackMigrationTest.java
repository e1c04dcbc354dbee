package io.journeyline.feedback;

import io.journeyline.feedback.persistence.SlaRepository;
import io.journeyline.testing.ReleaseDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database feedback-service left at v0.1.0 (the committed fixture {@code db/fixtures/v0.1.0.sql}: that release's
 * schema and histories, with rows) takes today's migrations: Flyway validates both histories, the old rows read the
 * same through today's schema, what the release did not have is there and empty, and the schema is the one a new
 * database gets. Plain JUnit on embedded PostgreSQL: no Quarkus.
 */
class FeedbackMigrationTest {
    private static ReleaseDatabase database;

    /** With {@code -Dfixture.tree=<a checkout of v0.1.0>} the fixture is made again first (its header says how). */
    @BeforeAll
    static void upgradeTheRelease() throws Exception {
        ReleaseDatabase.writeFixtureIfAsked("feedback-service", "v0.1.0", "FeedbackMigrationTest");
        database = ReleaseDatabase.fromFixture("db/fixtures/v0.1.0.sql");
        database.migrateToday();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void bothHistoriesRecordTodaysMigrationsAndValidate() {
        assertThat(database.rows("select version from flyway_schema_history where success order by installed_rank"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(database.rows("select version from platform_schema_history where success order by installed_rank"))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8");
        database.validateToday();
    }

    @Test
    void feedbackItemsReadAsBefore() {
        assertThat(database.rows("select id, kind, category, severity, touchpoint, sentiment, sentiment_language, text"
                + " from feedback_items order by id"))
                .containsExactly("fb-9101|complaint|PRODUCT_DEFECT|HIGH|checkout.payment|-0.7|en|My card is refused at checkout every time.",
                        "fb-9102|praise|OTHER|null|null|0.8|zh|物流很快，谢谢！",
                        "fb-9103|complaint|DELIVERY|MEDIUM|delivery.parcel|null|null|Parcel arrived late.");
    }

    @Test
    void casesTheirHistoryContactsAndClocksReadAsBefore() {
        assertThat(database.rows("select id, status, priority, reopenings, outcome, root_cause, assignee, category from cases order by id"))
                .containsExactly("case-4001|IN_PROGRESS|HIGH|0|null|null|ada@journeyline.io|PRODUCT_DEFECT",
                        "case-4002|CLOSED|MEDIUM|1|RECOVERED|carrier-delay|sam@journeyline.io|DELIVERY");
        assertThat(database.rows("select action, status, actor from case_history where case_id = 'case-4001' order by seq"))
                .containsExactly("opened|RECEIVED|system", "acknowledge|ACKNOWLEDGED|ada@journeyline.io",
                        "assign|IN_PROGRESS|ada@journeyline.io");
        assertThat(database.rows("select kind, ref_id from case_contacts where case_id = 'case-4001' order by kind"))
                .containsExactly("case-request|iv-3001", "feedback|fb-9101");
        // V6's partial index over the open clocks: the old clocks read in its urgency order.
        assertThat(database.rows("select case_id, clock from case_sla where not stopped order by case_id,"
                + " (case when breached then 0 when warned and running_since is not null then 1 else 2 end), due_at, clock"))
                .containsExactly("case-4001|resolve");
        assertThat(database.rows("select clock, used_ms, breached from case_sla where case_id = 'case-4001' order by clock"))
                .containsExactly("acknowledge|15900000|t", "resolve|3600000|f");
        // The history's sequence goes on after the release's rows.
        database.execute("insert into case_history (case_id, at, action, status, actor) values ('case-4001', now(),"
                + " 'notes', 'IN_PROGRESS', 'ada@journeyline.io')");
        assertThat(database.rows("select count(distinct seq) from case_history")).containsExactly("5");
    }

    @Test
    void thePlatformsRowsReadAsBefore() {
        assertThat(database.rows("select event_id, type, record_key from outbox_events"))
                .containsExactly("case-4001-acknowledged|io.journeyline.case.acknowledged|c-1001");
        assertThat(database.rows("select event_id from processed_events")).containsExactly("iv-3001");
        assertThat(database.rows("select reason, record_offset from platform_dead_letters")).containsExactly("wrong-topic|310");
        assertThat(database.rows("select kind, timer_key, traceparent is not null from platform_timers"))
                .containsExactly("case-sla|case-4001:resolve|t");
        assertThat(database.rows("select customer_id, purpose, channel, granted from platform_consents"))
                .containsExactly("c-1001|service|phone|t");
    }

    @Test
    void whatTheReleaseDidNotHaveIsThereAndEmpty() {
        for (String table : new String[]{"platform_outbox_parked", "platform_erasures", "platform_access_log",
                "platform_replay_jobs", "platform_replay_job_records", "platform_dead_letter_replays"}) {
            assertThat(database.rows("select count(*) from " + table)).as(table).containsExactly("0");
        }
        assertThat(database.rows("select indexname from pg_indexes where indexname in ('cases_closed_by_time',"
                + " 'feedback_items_by_time', 'case_sla_open_by_urgency', 'cases_queue', 'cases_by_status',"
                + " 'cases_by_urgency') order by 1"))
                .containsExactly("case_sla_open_by_urgency", "cases_by_status", "cases_by_urgency",
                        "cases_closed_by_time", "feedback_items_by_time");
    }

    @Test
    void theReleasesCasesKeepTheUrgencyOfTheirMostUrgentOpenClock() {
        // case-4001 is open with a running resolve clock; case-4002 is closed: none of its clocks counts
        assertThat(database.rows("select id, urgency, urgent_due_at = 'infinity', urgent_due_at = '2026-12-01 16:39:05+00'"
                + " from cases order by id")).containsExactly("case-4001|2|f|t", "case-4002|2|t|f");
    }

    /**
     * V7's backfill computes what the service keeps from then on ({@code SlaRepository.KEPT_URGENCY}, the old
     * {@code MOST_URGENT_OPEN_CLOCK}), for clocks in every state: a database at V6 with such cases, migrated.
     */
    @Test
    void theBackfillAgreesWithTheMostUrgentOpenClockInEveryState() {
        try (ReleaseDatabase v6 = ReleaseDatabase.empty()) {
            Flyway.configure().configuration(v6.service("classpath:db/migration").getConfiguration()).target("6").load()
                    .migrate();
            String[][] cases = {
                    // id, status, clocks: (clock, running_since, stopped, warned, breached, due_at)
                    {"breached", "ESCALATED", "('ACKNOWLEDGE', now(), false, true, true, '2026-12-01 10:00+00'),"
                            + " ('RESOLVE', now(), false, false, false, '2026-12-01 09:00+00')"},
                    {"at-risk", "RECEIVED", "('ACKNOWLEDGE', now(), false, true, false, '2026-12-01 11:00+00'),"
                            + " ('RESOLVE', now(), false, false, false, '2026-12-01 08:00+00')"},
                    {"warned-paused", "IN_PROGRESS", "('ACKNOWLEDGE', null, true, false, false, null),"
                            + " ('RESOLVE', null, false, true, false, null)"},
                    {"nearest", "ACKNOWLEDGED", "('ACKNOWLEDGE', null, true, false, false, null),"
                            + " ('RESOLVE', now(), false, false, false, '2026-12-02 08:00+00')"},
                    {"paused", "REOPENED", "('RESOLVE', null, false, false, false, null)"},
                    {"resolved", "RESOLVED", "('ACKNOWLEDGE', now(), false, true, true, '2026-12-01 10:00+00')"},
                    {"closed", "CLOSED", "('RESOLVE', now(), false, false, false, '2026-12-01 10:00+00')"},
                    {"no-clocks", "RECEIVED", null}};
            for (String[] c : cases) {
                v6.execute("insert into cases (id, customer_id, topic_key, status, priority, opened_at, updated_at)"
                        + " values ('" + c[0] + "', 'cust-" + c[0] + "', '', '" + c[1] + "', 'HIGH', now(), now())");
                if (c[2] != null) {
                    v6.execute("insert into case_sla (case_id, clock, running_since, stopped, warned, breached, due_at,"
                            + " target_ms, used_ms) select '" + c[0] + "', v.clock, v.since::timestamptz, v.stopped, v.warned, v.breached, v.due::timestamptz, 1000, 0"
                            + " from (values " + c[2] + ") v (clock, since, stopped, warned, breached, due)");
                }
            }
            v6.migrateToday();

            assertThat(v6.rows("select id, urgency, nullif(urgent_due_at, 'infinity') at time zone 'UTC' from cases"
                    + " order by urgency, urgent_due_at, id")).containsExactly("breached|0|2026-12-01 10:00:00",
                    "at-risk|1|2026-12-01 11:00:00", "nearest|2|2026-12-02 08:00:00", "closed|2|null",
                    "no-clocks|2|null", "paused|2|null", "resolved|2|null", "warned-paused|2|null");
            assertThat(v6.rows("select cases.id from cases where (urgency, urgent_due_at) <> ("
                    + SlaRepository.KEPT_URGENCY + ")")).isEmpty();
        }
    }

    @Test
    void theUpgradedSchemaIsTheOneANewDatabaseGets() {
        try (ReleaseDatabase fresh = ReleaseDatabase.empty()) {
            fresh.migrateToday();
            assertThat(database.schema()).containsExactlyElementsOf(fresh.schema());
        }
    }
}
