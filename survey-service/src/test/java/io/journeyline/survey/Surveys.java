package io.journeyline.survey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/** Survey definitions the tests start from (src/test/resources/surveys). */
public final class Surveys {
    private Surveys() {
    }

    /** The onboarding NPS survey: a headline rating, a Likert item, single and multiple choice, free text; en and zh. */
    public static ObjectNode onboarding() {
        try (InputStream in = Surveys.class.getResourceAsStream("/surveys/onboarding-nps.json")) {
            return (ObjectNode) EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The onboarding survey under a fresh id, so tests sharing a database do not meet. */
    public static ObjectNode onboardingWithFreshId() {
        return onboarding().put("id", "nps-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
