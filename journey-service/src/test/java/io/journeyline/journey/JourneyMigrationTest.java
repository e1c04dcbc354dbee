package io.journeyline.journey;

import io.journeyline.testing.ReleaseDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database journey-service left at v0.1.0 (the committed fixture {@code db/fixtures/v0.1.0.sql}: that release's
 * schema and histories, with rows) takes today's migrations: Flyway validates both histories, the old rows read the
 * same through today's schema, what the release did not have is there and empty, and the schema is the one a new
 * database gets. Plain JUnit on embedded PostgreSQL: no Quarkus.
 */
class JourneyMigrationTest {
    private static ReleaseDatabase database;

    /** With {@code -Dfixture.tree=<a checkout of v0.1.0>} the fixture is made again first (its header says how). */
    @BeforeAll
    static void upgradeTheRelease() throws Exception {
        ReleaseDatabase.writeFixtureIfAsked("journey-service", "v0.1.0", "JourneyMigrationTest");
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
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13");
        assertThat(database.rows("select version from platform_schema_history where success order by installed_rank"))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8");
        database.validateToday();
    }

    @Test
    void customersTimelinesAndStagesReadAsBefore() {
        assertThat(database.rows("select id, event_count, stage, previous_stage, stage_cause, group_id,"
                + " to_char(last_seen_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') from customers order by id"))
                .containsExactly("c-1001|3|SERVICE|USAGE|ev-1001-3|c-1001|2026-11-28 17:40:12",
                        "c-1002|1|AWARENESS|null|ev-1002-1|null|2026-11-20 08:05:30",
                        "c-1003|1|null|null|null|c-1001|2026-11-25 12:00:00");
        assertThat(database.rows("select event_id, channel, touchpoint, data::jsonb ->> 'outcome', extensions is not null"
                + " from timeline_entries where customer_id = 'c-1001' order by occurred_at desc, seq desc"))
                .containsExactly("ev-1001-3|phone|support.call|null|f", "ev-1001-2|app|checkout.payment|failure|t",
                        "ev-1001-1|web|home.visit|null|f");
        assertThat(database.rows("select from_stage, to_stage from stage_changes where customer_id = 'c-1001' order by changed_at"))
                .containsExactly("null|USAGE", "USAGE|SERVICE");
        // The sequence goes on after the release's entries: a new entry takes the next number, not one of theirs.
        database.execute("insert into timeline_entries (customer_id, event_source, event_id, type, occurred_at, summary,"
                + " data, recorded_at) values ('c-1002', '/web', 'ev-after-upgrade', 'io.journeyline.touchpoint.recorded',"
                + " now(), 'web home.visit visit', '{}', now())");
        assertThat(database.rows("select count(distinct seq) = count(*) from timeline_entries")).containsExactly("t");
    }

    @Test
    void rulesPainPointsAndInterventionsReadAsBeforeWithTheNewColumnEmpty() {
        assertThat(database.rows("select version, saved_by, backtest_id, document like '%payment-failures%' from rule_sets"))
                .containsExactly("1|alex@journeyline.io|null|t");
        assertThat(database.rows("select id, status, severity, shadow, status_changed_by, status_note from pain_points order by id"))
                .containsExactly("pp-2001|ACKNOWLEDGED|HIGH|f|ada@journeyline.io|called back",
                        "pp-2002|OPEN|LOW|t|null|null");
        assertThat(database.rows("select pain_point_id, event_id from pain_point_evidence")).containsExactly("pp-2001|ev-1001-2");
        assertThat(database.rows("select id, type, status, suppressed_by from interventions order by id"))
                .containsExactly("iv-3001|case|SENT|null", "iv-3002|education|SUPPRESSED|consent");
        assertThat(database.rows("select case_id, status, pain_point_id from known_cases")).containsExactly("case-4001|ACKNOWLEDGED|pp-2001");
        assertThat(database.rows("select state::jsonb ->> 'count' from rule_state where state_key = 'c-1001'")).containsExactly("1");
    }

    @Test
    void identitiesConsentsAndThePlatformsRowsReadAsBefore() {
        assertThat(database.rows("select identifier, customer_id from identities order by identifier"))
                .containsExactly("email:ana.silva@example.com|c-1001", "phone:+351912345678|c-1003");
        assertThat(database.rows("select customer_id, linked_customer_id from identity_links")).containsExactly("c-1001|c-1003");
        assertThat(database.rows("select status, identifiers_after from identity_reviews")).containsExactly("PENDING|11");
        assertThat(database.rows("select purpose, channel, granted from consents where customer_id = 'c-1001' order by purpose"))
                .containsExactly("education|any|f", "survey|email|t");
        assertThat(database.rows("select event_id, topic, record_key from outbox_events"))
                .containsExactly("iv-3001|journey.interventions|c-1001");
        assertThat(database.rows("select count(*) from processed_events")).containsExactly("2");
        assertThat(database.rows("select reason, record_offset from platform_dead_letters")).containsExactly("schema-violation|1187");
        assertThat(database.rows("select kind, timer_key, status, attempts from platform_timers")).containsExactly("stage-stall|c-1002|PENDING|0");
        assertThat(database.rows("select purpose, granted from platform_consents")).containsExactly("education|f");
    }

    @Test
    void theReleasesContactsAreCountedByHour() {
        // the release's one contact: c-1001's call about payment at 17:40:12 UTC (its error and visits are not contacts)
        assertThat(database.rows("select customer_id, topic, to_char(hour at time zone 'UTC', 'YYYY-MM-DD HH24:MI'), contacts"
                + " from contact_counts")).containsExactly("c-1001|payment|2026-11-28 17:00|1");
    }

    @Test
    void whatTheReleaseDidNotHaveIsThereAndEmpty() {
        for (String table : new String[]{"rule_backtests", "erasures", "erasure_receipts", "export_jobs",
                "platform_outbox_parked", "platform_erasures", "platform_access_log", "platform_replay_jobs",
                "platform_replay_job_records", "platform_dead_letter_replays"}) {
            assertThat(database.rows("select count(*) from " + table)).as(table).containsExactly("0");
        }
        assertThat(database.rows("select indexname from pg_indexes where indexname in ('timeline_entries_by_time',"
                + " 'stage_changes_by_time', 'processed_events_by_time', 'platform_dead_letters_by_time') order by 1"))
                .containsExactly("platform_dead_letters_by_time", "processed_events_by_time", "stage_changes_by_time",
                        "timeline_entries_by_time");
    }

    @Test
    void theUpgradedSchemaIsTheOneANewDatabaseGets() {
        try (ReleaseDatabase fresh = ReleaseDatabase.empty()) {
            fresh.migrateToday();
            assertThat(database.schema()).containsExactlyElementsOf(fresh.schema());
        }
    }
}
