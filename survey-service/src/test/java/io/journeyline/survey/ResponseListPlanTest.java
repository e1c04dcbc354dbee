package io.journeyline.survey;

import io.journeyline.survey.persistence.SurveyResponseRepository;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lists of responses walk an index in their order and stop after the page (issue 24: a read about one customer
 * must not cost more as the history grows): PostgreSQL's plan for the very statements the repository runs, over a
 * table of 40,000 responses (200 customers, 199 surveys) inserted and analysed in a transaction that is rolled back, is
 * an index scan with every condition — the cursor's position included — in its index condition: no Sort, no Filter
 * that would read rows only to drop them. Both as the first executions of a prepared statement plan it (values known)
 * and as later ones may (a generic plan).
 * <p>
 * (A survey that holds a large share of all responses may instead be read backwards along {@code survey_responses_by_time}
 * with its id as a filter, when PostgreSQL reckons that cheaper: it then reads about one row in its share per row shown,
 * still a bound set by the page, not by the history. A customer's share of all responses is always small.)
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ResponseListPlanTest {
    private static final Pattern PARAMETER = Pattern.compile("\\?(\\d+)");

    @Test
    void aCustomersPageIsAnIndexScanFromTheCursorWithoutSortOrFilter() throws SQLException {
        plans(connection -> {
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                String first = plan(connection, mode, SurveyResponseRepository.newestFirstStatement(false, true, false),
                        "text, int", "'explain-cust-7', 51");
                assertWalksTheIndex(first, "survey_responses_by_customer_newest");
                String next = plan(connection, mode, SurveyResponseRepository.newestFirstStatement(false, true, true),
                        "text, timestamptz, text, int", "'explain-cust-7', now() - interval '10 days', 'explain-3', 51");
                assertWalksTheIndex(next, "survey_responses_by_customer_newest");
                assertThat(next).as(mode).contains("ROW(responded_at, id) < ROW(");
            }
        });
    }

    @Test
    void aSurveysPageIsAnIndexScanFromTheCursorWithoutSortOrFilter() throws SQLException {
        plans(connection -> {
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                String next = plan(connection, mode, SurveyResponseRepository.newestFirstStatement(true, false, true),
                        "text, timestamptz, text, int", "'explain-survey-7', now() - interval '10 days', 'explain-3', 51");
                assertWalksTheIndex(next, "survey_responses_by_survey_newest");
            }
        });
    }

    /**
     * A survey's list filtered to one customer has no index of its own (a third on the table, for a filter): it reads
     * the customer's responses before the cursor by the customer's index and sorts those — bounded by what that one
     * customer answered (fatigue control: one invitation a week at most, kept 25 months), never by the survey's size.
     * Seeded as such a list meets it: 20 surveys of 2,000 answers, 2,000 customers of 20 (with the other tests' 199
     * surveys of about as many answers as each of 200 customers, either index was as good, and PostgreSQL's sampled
     * statistics picked one or the other from run to run).
     */
    @Test
    void oneCustomersAnswersToOneSurveyReadOnlyTheCustomersResponses() throws SQLException {
        plans(20, 2000, connection -> {
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                String next = plan(connection, mode, SurveyResponseRepository.newestFirstStatement(true, true, true),
                        "text, text, timestamptz, text, int",
                        "'explain-survey-7', 'explain-cust-7', now() - interval '10 days', 'explain-3', 51");
                assertThat(next).as(mode).contains("survey_responses_by_customer_newest")
                        .doesNotContain("survey_responses_by_survey_newest").doesNotContain("survey_responses_by_time")
                        .doesNotContain("Seq Scan");
            }
        });
    }

    private static void assertWalksTheIndex(String plan, String index) {
        assertThat(plan).contains("Index Scan using " + index + " on survey_responses")
                .doesNotContain("Sort").doesNotContain("Filter:");
    }

    /** The EXPLAIN of {@code statement} (its {@code ?n} parameters of {@code types}) executed with {@code values}. */
    private static String plan(Statement connection, String mode, String statement, String types, String values)
            throws SQLException {
        Matcher parameters = PARAMETER.matcher(statement);
        connection.execute("set local plan_cache_mode = " + mode);
        connection.execute("deallocate all");
        connection.execute("prepare page(" + types + ") as " + parameters.replaceAll("\\$$1"));
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = connection.executeQuery("explain execute page(" + values + ")")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return String.join("\n", lines);
    }

    private interface Plans {
        void run(Statement connection) throws SQLException;
    }

    /** Runs {@code plans} over the test's database with 40,000 more responses, then takes the rows back. */
    private static void plans(Plans plans) throws SQLException {
        plans(199, 200, plans);
    }

    /** As {@link #plans(Plans)}, the responses spread over {@code surveys} surveys and {@code customers} customers. */
    private static void plans(int surveys, int customers, Plans plans) throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        insert into survey_responses (id, survey_id, survey_kind, customer_id, score, responded_at)
                        select 'explain-' || g, 'explain-survey-' || (g %% %d), 'CSAT', 'explain-cust-' || (g %% %d), 4,
                               now() - g * interval '1 minute'
                        from generate_series(1, 40000) g""".formatted(surveys, customers));
                statement.execute("analyze survey_responses");
                plans.run(statement);
            } finally {
                connection.rollback();
            }
        }
    }
}
