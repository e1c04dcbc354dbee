package io.journeyline.survey.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.survey.domain.survey.DefinitionReader;
import io.journeyline.survey.domain.survey.SurveyDefinition;
import io.journeyline.survey.persistence.SurveyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The surveys survey-service answers requests with out of the box (relationship NPS, touchpoint CSAT and CES, the
 * case follow-up, course feedback; {@code surveys/builtin}), created at start-up where absent. Admins change them like
 * any other survey; an existing one is never overwritten.
 */
@ApplicationScoped
public class BuiltinSurveys {
    static final String ACTOR = "survey-service (built in)";

    private final SurveyRepository surveys;
    private final Clock clock;

    public BuiltinSurveys(SurveyRepository surveys, Clock clock) {
        this.surveys = surveys;
        this.clock = clock;
    }

    void seed(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            // every definition is read and checked before the first is stored: one invalid stores none
            List<SurveyDefinition> definitions = new ArrayList<>();
            for (String id : ids()) {
                var definition = DefinitionReader.read(read("surveys/builtin/" + id + ".json"));
                if (!definition.valid()) {
                    throw new IllegalStateException("built-in survey " + id + " is invalid: " + definition.problems());
                }
                definitions.add(definition.definition());
            }
            return InOrder.each(definitions, definition -> surveys.create(definition, OffsetDateTime.now(clock), ACTOR));
        }));
    }

    private static List<String> ids() {
        try (InputStream in = resource("surveys/builtin/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String path) {
        try (InputStream in = resource(path)) {
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = BuiltinSurveys.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing resource " + path);
        }
        return in;
    }
}
