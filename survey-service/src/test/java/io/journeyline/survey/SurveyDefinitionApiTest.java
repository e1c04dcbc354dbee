package io.journeyline.survey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SurveyDefinitionApiTest {
    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    @Test
    void aChangeMakesANewVersionAndOldVersionsStayReadable() {
        ObjectNode survey = Surveys.onboardingWithFreshId();
        String id = survey.get("id").asText();
        given().header("Authorization", ADMIN).contentType("application/json").body(survey.toString())
                .post("/api/v1/surveys").then().statusCode(201).header("Location", containsString("/api/v1/surveys/" + id))
                .body("version", equalTo(1)).body("definition.headline", equalTo("recommend"));
        given().header("Authorization", ADMIN).contentType("application/json").body(survey.toString())
                .post("/api/v1/surveys").then().statusCode(409);

        survey.put("name", "Onboarding NPS (2027)");
        given().header("Authorization", ADMIN).contentType("application/json").body(survey.toString())
                .put("/api/v1/surveys/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("createdBy", containsString("admin"));
        given().header("Authorization", ADMIN).contentType("application/json").body(survey.toString())
                .put("/api/v1/surveys/" + id).then().statusCode(200).body("version", equalTo(2));   // nothing changed

        given().header("Authorization", TestTokens.bearer(Roles.AGENT)).get("/api/v1/surveys/" + id + "?version=1")
                .then().statusCode(200).body("definition.name", equalTo("Onboarding NPS")).body("currentVersion", equalTo(2));
        given().header("Authorization", ADMIN).get("/api/v1/surveys").then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void anInvalidDefinitionOrAKindChangeIsRefusedNamingEachProblem() {
        ObjectNode survey = Surveys.onboardingWithFreshId();
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(survey.deepCopy().put("headline", "nope").put("kind", "STARS").toString())
                .post("/api/v1/surveys").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("kind"));
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(survey.deepCopy().put("headline", "nope").toString())
                .post("/api/v1/surveys").then().statusCode(400).body("errors.field", contains("headline"));

        given().header("Authorization", ADMIN).contentType("application/json").body(survey.toString())
                .post("/api/v1/surveys").then().statusCode(201);
        given().header("Authorization", ADMIN).contentType("application/json").body(survey.put("kind", "CSAT").toString())
                .put("/api/v1/surveys/" + survey.get("id").asText()).then().statusCode(400).body("errors.field", contains("kind"));
    }

    @Test
    void onlyAdminsDefineSurveysAndUnknownOnesAre404() {
        given().header("Authorization", TestTokens.bearer(Roles.AGENT)).contentType("application/json")
                .body(Surveys.onboarding().toString()).post("/api/v1/surveys").then().statusCode(403);
        given().header("Authorization", ADMIN).get("/api/v1/surveys/nope").then().statusCode(404);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Surveys.onboarding().toString()).put("/api/v1/surveys/nope").then().statusCode(404);
    }
}
