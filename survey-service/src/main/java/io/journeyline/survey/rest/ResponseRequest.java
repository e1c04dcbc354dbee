package io.journeyline.survey.rest;

import io.journeyline.contract.FieldLimits;
import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.contract.vocabulary.Vocabulary;
import io.journeyline.platform.validation.CustomerId;
import io.journeyline.platform.validation.OccurredWithin;
import io.journeyline.platform.validation.OneOf;
import io.journeyline.survey.config.SurveysConfig;
import io.journeyline.survey.domain.NewResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * An answer collected by another system (IVR, kiosk, survey tool).
 *
 * @param score       the answer to the headline question, on the kind's scale
 * @param respondedAt when the customer answered (at most {@code journeyline.surveys.responded-at-max-age} back);
 *                    now when absent
 * @param segment     the customer's segment, for the results' breakdown
 */
public record ResponseRequest(
        @NotBlank @CustomerId String customerId,
        @NotBlank @OneOf(SurveyKind.class) String surveyKind,
        @NotNull BigDecimal score,
        @Size(max = FieldLimits.TOUCHPOINT) String touchpoint,
        @Size(max = FieldLimits.ID) String caseId,
        @Size(max = FieldLimits.TEXT) String comment,
        @OccurredWithin(SurveysConfig.class) OffsetDateTime respondedAt,
        @Size(max = 100) String segment) {

    /** The validated request as the service's command. */
    NewResponse toCommand() {
        return new NewResponse(customerId, Vocabulary.parse(SurveyKind.class, surveyKind).orElseThrow(), score,
                touchpoint, caseId, comment, respondedAt, segment);
    }
}
