package io.journeyline.education;

import io.journeyline.platform.security.Roles;
import io.journeyline.testing.TestTokens;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

/** Test helper: catalog content and learning paths added through the admin API. */
final class Catalog {
    static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    private Catalog() {
    }

    /** Content with this id (an English app lesson on {@code topic}), added unless a test added it before. */
    static String content(String id, String kind, String topic) {
        Map<String, Object> content = new HashMap<>(Map.of("id", id, "kind", kind, "level", "BASIC",
                "title", Map.of("en", "Lesson " + id), "topics", List.of(topic), "languages", List.of("en"),
                "channels", List.of("app"), "durationMinutes", 5, "owner", "docs"));
        given().header("Authorization", ADMIN).contentType("application/json").body(content).post("/api/v1/contents")
                .then().statusCode(anyOf(equalTo(201), equalTo(409)));
        return id;
    }

    /** Units for {@link #path}: content id, its prerequisites, content id, its prerequisites, … in path order. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> units(Object... contentAndPrerequisites) {
        Map<String, List<String>> units = new LinkedHashMap<>();
        for (int i = 0; i < contentAndPrerequisites.length; i += 2) {
            units.put((String) contentAndPrerequisites[i], (List<String>) contentAndPrerequisites[i + 1]);
        }
        return units;
    }

    /** A learning path on {@code topic} with these units (content id → its prerequisites, in order); its id. */
    static String path(String id, String topic, Map<String, List<String>> units) {
        List<Map<String, Object>> unitList = units.entrySet().stream()
                .map(e -> Map.<String, Object>of("contentId", e.getKey(), "prerequisites", e.getValue())).toList();
        Map<String, Object> path = Map.of("id", id, "title", Map.of("en", "Path " + id), "topics", List.of(topic),
                "units", unitList, "owner", "docs");
        return given().header("Authorization", ADMIN).contentType("application/json").body(path).post("/api/v1/paths")
                .then().statusCode(201).extract().path("id");
    }
}
