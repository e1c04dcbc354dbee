package io.journeyline.survey;

import io.journeyline.testing.ReleaseDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database survey-service left at v0.1.0 (the committed fixture {@code db/fixtures/v0.1.0.sql}: that release's
 * schema and histories, with rows) takes today's migrations: Flyway validates both histories, the old rows read the
 * same through today's schema, what the release did not have is there and empty, and the schema is the one a new
 * database gets. Plain JUnit on embedded PostgreSQL: no Quarkus.
 */
class SurveyMigrationTest {
    private static ReleaseDatabase database;

    /** With {@code -Dfixture.tree=<a checkout of v0.1.0>} the fixture is made again first (its header says how). */
    @BeforeAll
    static void upgradeTheRelease() throws Exception {
        ReleaseDatabase.writeFixtureIfAsked("survey-service", "v0.1.0", "SurveyMigrationTest");
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
    void surveysAndTheirVersionsReadAsBefore() {
        assertThat(database.rows("select id, kind, name, current_version from surveys"))
                .containsExactly("csat-checkout|CSAT|Checkout satisfaction|2");
        assertThat(database.rows("select version, definition::jsonb #>> '{items,0,text,zh}' from survey_versions order by version"))
                .containsExactly("1|null", "2|您对结账满意吗？");
    }

    @Test
    void invitationsResponsesAndItemsReadAsBefore() {
        assertThat(database.rows("select id, status, channel, suppressed_by, token_hash, response_id, segment,"
                + " to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') from invitations order by id"))
                .containsExactly("inv-5001|COMPLETED|email|null|b1946ac92492d2347c6235b4d2611184|resp-6001|retail|2026-12-05 18:00",
                        "inv-5002|SUPPRESSED|sms|consent|null|null|null|null");
        assertThat(database.rows("select id, score, survey_version, invitation_id, sentiment, answers::jsonb ->> 'q1', comment"
                + " from survey_responses order by id"))
                .containsExactly("resp-6001|2|2|inv-5001|-0.6|2|The card was refused twice.",
                        "resp-6002|5|null|null|null|null|null");
        assertThat(database.rows("select response_id, item_id, scale, score from response_items"))
                .containsExactly("resp-6001|q1|1-5|2");
        assertThat(database.rows("select case_id, customer_id from open_cases")).containsExactly("case-4001|c-1001");
        assertThat(database.rows("select id from invitations where case_id is null order by id"))
                .as("the new partial index's predicate reads the old rows").containsExactly("inv-5001", "inv-5002");
    }

    @Test
    void thePlatformsRowsReadAsBefore() {
        assertThat(database.rows("select event_id, type, record_key from outbox_events"))
                .containsExactly("resp-6001|io.journeyline.survey.responded|c-1001");
        assertThat(database.rows("select event_id from processed_events")).containsExactly("iv-3003");
        assertThat(database.rows("select reason, record_offset from platform_dead_letters")).containsExactly("malformed-json|42");
        assertThat(database.rows("select customer_id, purpose, channel, granted from platform_consents"))
                .containsExactly("c-1002|survey|sms|f");
    }

    @Test
    void whatTheReleaseDidNotHaveIsThereAndEmpty() {
        for (String table : new String[]{"platform_outbox_parked", "platform_erasures", "platform_access_log",
                "platform_replay_jobs", "platform_replay_job_records", "platform_dead_letter_replays"}) {
            assertThat(database.rows("select count(*) from " + table)).as(table).containsExactly("0");
        }
        assertThat(database.rows("select indexname from pg_indexes where indexname in ('invitations_by_case',"
                + " 'survey_responses_by_time', 'invitations_by_time') order by 1"))
                .containsExactly("invitations_by_case", "invitations_by_time", "survey_responses_by_time");
        // V8: the newest-first lists' indexes replace the release's narrower ones
        assertThat(database.rows("select indexname from pg_indexes where tablename in ('survey_responses', 'invitations')"
                + " and (indexname like '%by_customer%' or indexname like '%by_survey%') order by 1"))
                .containsExactly("invitations_by_customer_newest", "survey_responses_by_customer_newest",
                        "survey_responses_by_survey_newest");
    }

    @Test
    void theUpgradedSchemaIsTheOneANewDatabaseGets() {
        try (ReleaseDatabase fresh = ReleaseDatabase.empty()) {
            fresh.migrateToday();
            assertThat(database.schema()).containsExactlyElementsOf(fresh.schema());
        }
    }
}
