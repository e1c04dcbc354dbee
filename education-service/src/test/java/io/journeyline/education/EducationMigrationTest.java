package io.journeyline.education;

import io.journeyline.testing.ReleaseDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database education-service left at v0.1.0 (the committed fixture {@code db/fixtures/v0.1.0.sql}: that release's
 * schema and histories, with rows) takes today's migrations: Flyway validates both histories, the old rows read the
 * same through today's schema, what the release did not have is there and empty, and the schema is the one a new
 * database gets. Plain JUnit on embedded PostgreSQL: no Quarkus.
 */
class EducationMigrationTest {
    private static ReleaseDatabase database;

    /** With {@code -Dfixture.tree=<a checkout of v0.1.0>} the fixture is made again first (its header says how). */
    @BeforeAll
    static void upgradeTheRelease() throws Exception {
        ReleaseDatabase.writeFixtureIfAsked("education-service", "v0.1.0", "EducationMigrationTest");
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
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(database.rows("select version from platform_schema_history where success order by installed_rank"))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8");
        database.validateToday();
    }

    @Test
    void theCatalogAndPathsReadAsBefore() {
        assertThat(database.rows("select id, version, document::jsonb #>> '{title,en}' from contents order by id"))
                .containsExactly("pay-retry|2|Paying when a card is refused", "pay-wallet|1|Pay with a wallet");
        assertThat(database.rows("select content_id, version, changed_by from content_versions where content_id = 'pay-retry' order by version"))
                .containsExactly("pay-retry|1|alex@journeyline.io", "pay-retry|2|alex@journeyline.io");
        assertThat(database.rows("select content_id from content_tags where dimension = 'topic' and value = 'payment' order by 1"))
                .containsExactly("pay-retry", "pay-wallet");
        assertThat(database.rows("select id, version, jsonb_array_length(document::jsonb -> 'units') from learning_paths"))
                .containsExactly("payments-101|1|2");
        assertThat(database.rows("select path_id, version from learning_path_versions")).containsExactly("payments-101|1");
    }

    @Test
    void assignmentsUnitsAndLearnersReadAsBefore() {
        assertThat(database.rows("select id, status, content_id, path_id, path_version, score, progress_percent, intervention_id, stage"
                + " from assignments order by id"))
                .containsExactly("as-7001|COMPLETED|pay-retry|null|null|0.8|100|iv-3002|SERVICE",
                        "as-7002|STARTED|null|payments-101|1|null|50|null|USAGE",
                        "as-7003|HELD_OUT|null|null|null|null|null|iv-3005|AWARENESS");
        assertThat(database.rows("select position, content_id, micro_lesson, prerequisites, status from path_units order by position"))
                .containsExactly("0|pay-retry|f||COMPLETED", "1|pay-wallet|t|pay-retry|WAITING");
        assertThat(database.rows("select assignment_id, content_id from education_pushes")).containsExactly("as-7002|pay-retry");
        assertThat(database.rows("select customer_id, stage, language, channel from learners")).containsExactly("c-1003|USAGE|pt-PT|app");
        assertThat(database.rows("select id, customers, category from content_gaps")).containsExactly("gap-8001|12|MISUNDERSTANDING");
    }

    @Test
    void thePlatformsRowsReadAsBefore() {
        assertThat(database.rows("select event_id, type, record_key from outbox_events"))
                .containsExactly("as-7001-completed|io.journeyline.education.completed|c-1001");
        assertThat(database.rows("select event_id from processed_events")).containsExactly("iv-3002");
        assertThat(database.rows("select reason, record_offset from platform_dead_letters")).containsExactly("unknown-type|7");
        assertThat(database.rows("select kind, timer_key, status from platform_timers")).containsExactly("education-push|as-7002:1|PENDING");
        assertThat(database.rows("select customer_id, purpose, channel, granted from platform_consents"))
                .containsExactly("c-1001|education|sms|f");
    }

    @Test
    void whatTheReleaseDidNotHaveIsThereAndEmpty() {
        for (String table : new String[]{"platform_outbox_parked", "platform_erasures", "platform_access_log",
                "platform_replay_jobs", "platform_replay_job_records", "platform_dead_letter_replays"}) {
            assertThat(database.rows("select count(*) from " + table)).as(table).containsExactly("0");
        }
        assertThat(database.rows("select indexname from pg_indexes where indexname = 'assignments_by_time'"))
                .containsExactly("assignments_by_time");
    }

    @Test
    void theUpgradedSchemaIsTheOneANewDatabaseGets() {
        try (ReleaseDatabase fresh = ReleaseDatabase.empty()) {
            fresh.migrateToday();
            assertThat(database.schema()).containsExactlyElementsOf(fresh.schema());
        }
    }
}
