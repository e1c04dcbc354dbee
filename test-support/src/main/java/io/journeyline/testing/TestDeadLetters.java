package io.journeyline.testing;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A service's dead letters through its API, as an operator sees them: listed, and replayed to the end. */
public final class TestDeadLetters {

    private TestDeadLetters() {
    }

    /** {@code GET /api/v1/dead-letters?query} with {@code authorization}; a {@code +} in a time is sent encoded. */
    public static JsonPath list(String authorization, String query) {
        return given().header("Authorization", authorization).get("/api/v1/dead-letters?" + query.replace("+", "%2B"))
                .then().statusCode(200).extract().jsonPath();
    }

    /** Starts a replay (202, RUNNING) and waits until it is no longer running; the job as it ended. */
    public static JsonPath replay(String authorization, Map<String, Object> request) {
        String location = given().header("Authorization", authorization).contentType(ContentType.JSON).body(request)
                .post("/api/v1/dead-letters/replay")
                .then().statusCode(202).body("status", equalTo("RUNNING")).extract().header("Location");
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().header("Authorization", authorization).get(location).then().statusCode(200)
                        .extract().jsonPath(), job -> !"RUNNING".equals(job.getString("status")));
    }
}
