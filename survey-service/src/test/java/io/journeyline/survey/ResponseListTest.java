package io.journeyline.survey;

import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The lists of responses — a survey's ({@code GET /api/v1/surveys/{surveyId}/responses}, optionally one customer's)
 * and a customer's across surveys ({@code GET /api/v1/customers/{customerId}/responses}) — and the cursor of a
 * customer's invitations, through the real stack: newest first by when the customer answered, pages that neither skip
 * nor repeat (ties on time included), bad parameters named, roles, and the access log.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ResponseListTest {
    private static final String INGEST = TestTokens.bearer(Roles.INGEST);
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);

    @Inject
    TestClock clock;
    @Inject
    Pseudonyms pseudonyms;

    @Test
    void aSurveysResponsesComeNewestFirstByWhenAnsweredEachAsTheByIdReadShowsIt() {
        String survey = freshSurvey();
        String ana = freshCustomer();
        String bo = freshCustomer();
        OffsetDateTime base = base();
        // recorded in another order than they were answered: the list follows respondedAt
        String anaLate = record(survey, ana, base.plusHours(3));
        String anaEarly = record(survey, ana, base.plusHours(1));
        String boMiddle = record(survey, bo, base.plusHours(2));

        JsonPath page = list("/api/v1/surveys/" + survey + "/responses", Map.of());
        assertThat(page.getList("items.id", String.class)).containsExactly(anaLate, boMiddle, anaEarly);
        assertThat(page.getString("nextCursor")).isNull();
        Map<String, Object> byId = given().header("Authorization", AGENT)
                .get("/api/v1/surveys/" + survey + "/responses/" + boMiddle).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(page.getMap("items[1]")).isEqualTo(byId);

        assertThat(list("/api/v1/surveys/" + survey + "/responses", Map.of("customerId", ana))
                .getList("items.id", String.class)).containsExactly(anaLate, anaEarly);
        assertThat(list("/api/v1/surveys/" + survey + "/responses", Map.of("customerId", freshCustomer()))
                .getList("items")).isEmpty();
    }

    @Test
    void aCustomersResponsesSpanSurveysNewestFirstAndLeaveOtherCustomersOut() {
        String customer = freshCustomer();
        OffsetDateTime base = base();
        String nps = record(freshSurvey(), customer, base.plusMinutes(10));
        String csat = record(freshSurvey(), customer, base.plusMinutes(20));
        record(freshSurvey(), freshCustomer(), base.plusMinutes(30));

        JsonPath page = list("/api/v1/customers/" + customer + "/responses", Map.of());
        assertThat(page.getList("items.id", String.class)).containsExactly(csat, nps);
        assertThat(page.getList("items.customerId", String.class)).containsOnly(customer);
        assertThat(page.getString("nextCursor")).isNull();
        assertThat(list("/api/v1/customers/" + freshCustomer() + "/responses", Map.of()).getList("items")).isEmpty();
    }

    @Test
    void walkingThePagesToTheEndNeitherSkipsNorRepeatsEvenWhereResponsesShareTheirTime() {
        String survey = freshSurvey();
        String customer = freshCustomer();
        OffsetDateTime base = base();
        List<String> recorded = new ArrayList<>();
        // seven answers, four of them in the same second (an import of a kiosk's batch): ties broken by id
        for (int i = 0; i < 7; i++) {
            recorded.add(record(survey, customer, i < 4 ? base : base.plusMinutes(i)));
        }
        record(survey, freshCustomer(), base.plusSeconds(1));

        for (String path : List.of("/api/v1/customers/" + customer + "/responses",
                "/api/v1/surveys/" + survey + "/responses?customerId=" + customer)) {
            List<String> whole = list(path, Map.of("limit", 200)).getList("items.id", String.class);
            assertThat(whole).containsExactlyInAnyOrderElementsOf(recorded);
            for (int limit : new int[]{1, 2, 3, 7}) {
                assertThat(walk(path, limit)).as("%s in pages of %d", path, limit).containsExactlyElementsOf(whole);
            }
        }
        List<String> surveyWhole = list("/api/v1/surveys/" + survey + "/responses", Map.of("limit", 200))
                .getList("items.id", String.class);
        assertThat(surveyWhole).hasSize(8);
        assertThat(walk("/api/v1/surveys/" + survey + "/responses", 3)).containsExactlyElementsOf(surveyWhole);
    }

    @Test
    void aCustomersInvitationsArePagedWithACursorToo() {
        String customer = freshCustomer();
        String admin = TestTokens.bearer(Roles.ADMIN);
        for (int wave = 0; wave < 5; wave++) {
            // the first is sent; the others, within the spacing, are suppressed and listed with their reason
            given().header("Authorization", admin).contentType("application/json")
                    .body(Map.of("customers", List.of(Map.of("customerId", customer)), "waveId", "w-" + UUID.randomUUID()))
                    .post("/api/v1/surveys/relationship-nps/waves").then().statusCode(200);
        }
        String path = "/api/v1/customers/" + customer + "/invitations";
        JsonPath whole = list(path, Map.of());
        assertThat(whole.getList("items")).hasSize(5);
        assertThat(whole.getString("nextCursor")).isNull();
        assertThat(whole.getList("items.status", String.class)).endsWith("SENT");
        List<String> ids = whole.getList("items.id", String.class);
        for (int limit : new int[]{1, 2, 4}) {
            assertThat(walk(path, limit)).as("pages of %d", limit).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void aBadCursorOrLimitIsAProblemNamingIt() {
        String survey = freshSurvey();
        record(survey, freshCustomer(), base());
        for (String path : List.of("/api/v1/surveys/" + survey + "/responses", "/api/v1/customers/c-1/responses",
                "/api/v1/customers/c-1/invitations")) {
            for (String cursor : List.of("bogus", "%%%", "MTIz")) {
                given().header("Authorization", AGENT).queryParam("cursor", cursor).get(path).then().statusCode(400)
                        .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
            }
            for (int limit : new int[]{0, 201}) {
                given().header("Authorization", AGENT).queryParam("limit", limit).get(path).then().statusCode(400)
                        .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
            }
        }
        given().header("Authorization", AGENT).queryParam("customerId", "c".repeat(129))
                .get("/api/v1/surveys/" + survey + "/responses").then().statusCode(400)
                .body("errors[0].field", equalTo("customerId"));
    }

    @Test
    void anUnknownSurveyIs404AndADefinedOneWithoutAnswersAnEmptyPage() {
        given().header("Authorization", AGENT).get("/api/v1/surveys/nope-" + UUID.randomUUID() + "/responses")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        var definition = Surveys.onboardingWithFreshId();
        String defined = definition.get("id").asText();
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType("application/json")
                .body(definition.toString()).post("/api/v1/surveys").then().statusCode(201);
        given().header("Authorization", AGENT).get("/api/v1/surveys/" + defined + "/responses")
                .then().statusCode(200).body("items.size()", equalTo(0)).body("nextCursor", nullValue());
    }

    @Test
    void onlyStaffWhoReadCustomersMayList() {
        String survey = freshSurvey();
        record(survey, freshCustomer(), base());
        for (String path : List.of("/api/v1/surveys/" + survey + "/responses", "/api/v1/customers/c-1/responses")) {
            given().get(path).then().statusCode(401);
            for (String role : List.of(Roles.INGEST, Roles.PRIVACY)) {
                given().header("Authorization", TestTokens.bearer(role)).get(path).then().statusCode(403)
                        .contentType("application/problem+json");
            }
            for (String role : List.of(Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN)) {
                given().header("Authorization", TestTokens.bearer(role)).get(path).then().statusCode(200);
            }
        }
    }

    @Test
    void everyReadOfACustomersResponsesNamesTheCustomerInTheAccessLogAsTheInvitationsReadDoes() {
        String survey = freshSurvey();
        String customer = freshCustomer();
        String other = freshCustomer();
        record(survey, customer, base());
        record(survey, other, base().plusMinutes(1));
        String agentName = "agent-" + UUID.randomUUID();
        String agent = TestTokens.bearerFor(agentName, Roles.AGENT);
        for (String path : List.of("/api/v1/customers/" + customer + "/invitations",
                "/api/v1/customers/" + customer + "/responses",
                "/api/v1/surveys/" + survey + "/responses?customerId=" + customer,
                "/api/v1/surveys/" + survey + "/responses")) {
            given().header("Authorization", agent).get(path).then().statusCode(200);
        }

        assertThat(trail(customer, agentName)).containsExactlyInAnyOrder(
                "GET /api/v1/customers/{customerId}/invitations 200",
                "GET /api/v1/customers/{customerId}/responses 200",
                "GET /api/v1/surveys/{surveyId}/responses 200",
                "GET /api/v1/surveys/{surveyId}/responses 200");
        assertThat(trail(other, agentName)).as("the survey's whole page showed the other customer's answer too")
                .containsExactly("GET /api/v1/surveys/{surveyId}/responses 200");
    }

    /** The agent's rows of the access log about {@code customer}: method, resource, status. */
    private List<String> trail(String customer, String agentName) {
        JsonPath trail = given().header("Authorization", TestTokens.bearer(Roles.PRIVACY))
                .get("/api/v1/audit?customerId=" + customer + "&limit=100").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = trail.getList("items.findAll { it.actor == '" + agentName + "' }");
        assertThat(rows).allSatisfy(row -> assertThat(row).containsEntry("customerHmac", pseudonyms.of(customer)));
        return rows.stream().map(row -> row.get("method") + " " + row.get("resource") + " " + row.get("status")).toList();
    }

    /** Every id of the list, page by page of {@code limit}, following {@code nextCursor} to the end. */
    private static List<String> walk(String path, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = given().header("Authorization", AGENT).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            List<String> items = page.getList("items.id", String.class);
            cursor = page.getString("nextCursor");
            assertThat(items).as("a page before the last is full").hasSize(cursor == null ? items.size() : limit);
            ids.addAll(items);
            assertThat(ids.size()).as("the walk ends").isLessThan(100);
        } while (cursor != null);
        return ids;
    }

    private static JsonPath list(String path, Map<String, ?> query) {
        return given().header("Authorization", AGENT).queryParams(query).get(path).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    /** Records an answer given at {@code at} (as an IVR's import does); its id. */
    private static String record(String survey, String customer, OffsetDateTime at) {
        return given().header("Authorization", INGEST).contentType("application/json")
                .body(Map.of("customerId", customer, "surveyKind", "CSAT", "score", 4, "respondedAt", at.toString()))
                .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201).extract().path("id");
    }

    /** A time a few days back, whole seconds: answers placed after it stay within the accepted age. */
    private OffsetDateTime base() {
        return OffsetDateTime.now(clock).minusDays(3).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String freshSurvey() {
        return "list-" + UUID.randomUUID();
    }

    private static String freshCustomer() {
        return "cust-" + UUID.randomUUID();
    }
}
