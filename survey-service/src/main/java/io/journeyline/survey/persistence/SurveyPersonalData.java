package io.journeyline.survey.persistence;

import io.journeyline.platform.privacy.Erasure;
import io.journeyline.platform.privacy.ErasureStatements;
import io.journeyline.platform.privacy.ErasureStatements.Statement;
import io.journeyline.platform.privacy.PersonalData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * What survey-service forgets of an erased customer. Invitations and responses stay for the results (response rates,
 * NPS by period do not change afterwards) under a random stand-in, without the person's words: comments and answers
 * (free text) go, and so does an invitation's token hash and its key (which named the customer), so no link works
 * again. The customer's open cases (the contact guard's memory) go.
 */
@ApplicationScoped
public class SurveyPersonalData implements PersonalData {
    private static final ErasureStatements STATEMENTS = ErasureStatements.of(
            Statement.of("invitations", """
                    update invitations set customer_id = ?2, source_key = ?2 || ':' || id, token_hash = null,
                        answers = null
                    where customer_id = ?1"""),
            Statement.of("survey_responses", """
                    update survey_responses set customer_id = ?2, comment = null, answers = null
                    where customer_id = ?1"""),
            Statement.of("open_cases", "delete from open_cases where customer_id = ?1"));

    @Override
    public Uni<Map<String, Long>> erase(Erasure erasure) {
        return STATEMENTS.run(erasure);
    }
}
