package io.journeyline.survey;

import io.journeyline.contract.EventLimits;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer-facing answer route needs no login (any token reaches it), so its bodies are what an outside system
 * sends to break it: the text and nesting rules answer a bounded 400 before anything else looks at the body.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class HostileBodyTest {
    private static final String ANY_TOKEN = "/api/v1/responses/not-a-real-token";

    @Test
    void tenThousandNulsGetABounded400NotAnAnswerTenTimesTheirSize() {
        StringBuilder answers = new StringBuilder("{\"answers\": {");
        for (int i = 0; i < 10_000; i++) {
            answers.append(i == 0 ? "" : ",").append("\"q").append(i).append("\": \"\\u0000\"");
        }
        String body = answers.append("}, \"complete\": false}").toString();

        Response response = given().contentType("application/json").body(body).post(ANY_TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getList("errors")).hasSize(EventLimits.MAX_REPORTED + 1);
        assertThat(response.jsonPath().getString("errors[-1].message")).isEqualTo("and 9980 more fields break the contract");
        assertThat(response.asByteArray().length).isLessThan(body.length());
    }

    @Test
    void aBodyNestedDeeperThanTheBoundIsRefusedNamingWhereNotPassedOnUnchecked() {
        String deep = "{\"a\":".repeat(40) + "\"\\u0000\"" + "}".repeat(40);
        String body = "{\"answers\": " + deep + ", \"complete\": false}";

        given().contentType("application/json").body(body).post(ANY_TOKEN)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.startsWith("answers.a.a.a"))
                .body("errors[0].message", org.hamcrest.Matchers.equalTo(EventLimits.TOO_DEEP));
    }
}
