package io.journeyline.survey.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.survey.domain.survey.SurveyDefinition;
import io.journeyline.survey.domain.survey.SurveyDefinition.Item;
import io.journeyline.survey.service.AnswerService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code /api/v1/responses/{token}}: the customer's side, no login — the single-use, expiring token in the
 * invitation's link is the credential.
 */
@Path("/api/v1/responses/{token}")
@Tag(name = "answering")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class AnswerResource {
    private final AnswerService answers;

    public AnswerResource(AnswerService answers) {
        this.answers = answers;
    }

    /** The survey as the customer sees it: texts in the invitation's language (or the survey's default). */
    public record Form(String surveyId, int version, String kind, String language, String title, List<Question> items,
                       JsonNode answers, String status, OffsetDateTime expiresAt) {
        static Form of(AnswerService.Opened opened) {
            SurveyDefinition survey = opened.survey();
            String language = opened.invitation().language();
            return new Form(survey.id(), opened.invitation().surveyVersion(), survey.kind().name(), language,
                    survey.name(), survey.items().stream().map(item -> Question.of(survey, item, language)).toList(),
                    opened.answers(), opened.invitation().status(), opened.invitation().expiresAt());
        }
    }

    /** One question: for a rating its scale, for a choice its options. */
    public record Question(String id, String type, String text, boolean required, Integer min, Integer max,
                           List<Choice> options) {
        static Question of(SurveyDefinition survey, Item item, String language) {
            boolean rating = item.type() == SurveyDefinition.ItemType.RATING;
            boolean required = item.answerRequired() || item.id().equals(survey.headline());
            return new Question(item.id(), item.type().name(),
                    SurveyDefinition.text(item.text(), language, survey.defaultLanguage()), required,
                    rating ? survey.scaleOf(item).min() : null, rating ? survey.scaleOf(item).max() : null,
                    item.options() == null ? null : item.options().stream().map(option -> new Choice(option.id(),
                            SurveyDefinition.text(option.text(), language, survey.defaultLanguage()))).toList());
        }
    }

    public record Choice(String id, String text) {
    }

    /** Answers to save: item id → answer (null takes one back); {@code complete} to finish. */
    public record Submission(@NotNull ObjectNode answers, boolean complete) {
    }

    @GET
    @Operation(summary = "The survey of this invitation, in its language, with the answers saved so far; "
            + "404 unknown, 410 expired, 409 already completed")
    public Uni<Form> open(@PathParam("token") @Size(max = 128) String token) {
        return answers.open(token).map(Form::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save answers (partially, or complete: true to finish); every bad or missing answer is named "
            + "in a 400; completion publishes io.journeyline.survey.responded")
    public Uni<Form> answer(@PathParam("token") @Size(max = 128) String token, @NotNull Submission submission) {
        return answers.answer(token, submission.answers(), submission.complete()).map(Form::of);
    }
}
