package io.journeyline.survey.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.survey.domain.survey.DefinitionReader;
import io.journeyline.survey.domain.survey.SurveyDefinition;
import io.journeyline.survey.persistence.SurveyRepository;
import io.journeyline.survey.persistence.SurveyRepository.StoredSurvey;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Survey definitions: created, changed (every change a new version; the same definition again changes nothing),
 * read at any version. An invalid definition is refused naming every problem; a survey's kind never changes (its
 * results would stop being comparable — make a new survey).
 */
@ApplicationScoped
public class SurveyService {
    private final SurveyRepository surveys;
    private final Clock clock;

    public SurveyService(SurveyRepository surveys, Clock clock) {
        this.surveys = surveys;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<StoredSurvey> create(JsonNode document, String actor) {
        SurveyDefinition read = valid(document);
        SurveyDefinition definition = read.id() != null ? read : read.withId(UUID.randomUUID().toString());
        return surveys.create(definition, OffsetDateTime.now(clock), actor).chain(created -> created
                ? surveys.find(definition.id(), null, false).map(found -> found.orElseThrow())
                : Uni.createFrom().failure(ProblemException.conflict("a survey '" + definition.id() + "' exists already; "
                + "PUT /api/v1/surveys/" + definition.id() + " changes it")));
    }

    @WithTransaction
    public Uni<StoredSurvey> change(String id, JsonNode document, String actor) {
        SurveyDefinition read = valid(document);
        SurveyDefinition definition = read.withId(id);
        return surveys.find(id, null, true).chain(found -> {
            StoredSurvey current = found.orElseThrow(() -> ProblemException.notFound("survey", id));
            if (read.id() != null && !read.id().equals(id)) {
                return Uni.createFrom().failure(ProblemException.badRequest("invalid survey definition",
                        List.of(Problem.FieldError.of("id", "is '" + read.id() + "' but the path names '" + id + "'"))));
            }
            if (current.definition().kind() != definition.kind()) {
                return Uni.createFrom().failure(ProblemException.badRequest("invalid survey definition",
                        List.of(Problem.FieldError.of("kind", "is " + current.definition().kind()
                                + " and cannot change (its results would no longer compare); create a new survey"))));
            }
            if (current.definition().equals(definition)) {
                return Uni.createFrom().item(current);
            }
            return surveys.addVersion(definition, current.version() + 1, OffsetDateTime.now(clock), actor)
                    .chain(version -> surveys.find(id, version, false)).map(stored -> stored.orElseThrow());
        });
    }

    @WithSession
    public Uni<StoredSurvey> get(String id, Integer version) {
        return surveys.find(id, version, false).map(found -> found.orElseThrow(() -> ProblemException.notFound(
                "survey", version == null ? id : id + " version " + version)));
    }

    @WithSession
    public Uni<List<StoredSurvey>> list() {
        return surveys.current();
    }

    private static SurveyDefinition valid(JsonNode document) {
        DefinitionReader.Result result = DefinitionReader.read(document);
        if (!result.valid()) {
            throw ProblemException.badRequest("invalid survey definition", result.problems().stream()
                    .map(problem -> Problem.FieldError.of(problem.field(), problem.message())).toList());
        }
        return result.definition();
    }
}
