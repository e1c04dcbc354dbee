package io.journeyline.survey.persistence;

import io.journeyline.platform.privacy.ExportStatements;
import io.journeyline.platform.privacy.ExportStatements.Query;
import io.journeyline.platform.privacy.ErasureStatements;
import io.journeyline.platform.privacy.ErasureStatements.Statement;
import io.journeyline.platform.privacy.SqlPersonalData;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What survey-service forgets of an erased customer. Invitations and responses stay for the results (response rates,
 * NPS by period do not change afterwards) under a random stand-in, without the person's words: comments and answers
 * (free text) go, and so does an invitation's token hash and its key (which named the customer), so no link works
 * again. The customer's open cases (the contact guard's memory) go.
 */
@ApplicationScoped
public class SurveyPersonalData extends SqlPersonalData {
    private static final ErasureStatements STATEMENTS = ErasureStatements.of(
            Statement.of("invitations", """
                    update invitations set customer_id = ?2, source_key = ?2 || ':' || id, token_hash = null,
                        answers = null
                    where customer_id = ?1"""),
            Statement.of("survey_responses", """
                    update survey_responses set customer_id = ?2, comment = null, answers = null
                    where customer_id = ?1"""),
            Statement.of("open_cases", "delete from open_cases where customer_id = ?1"));

    private static final ExportStatements EXPORT = ExportStatements.of(
            Query.of("invitations", """
                    select id, survey_id, survey_version, survey_kind, channel, language, reason, case_id, touchpoint,
                        topic, segment, status, suppressed_by, suppression_reason, answers::json as answers, response_id,
                        created_at, expires_at, completed_at
                    from invitations where customer_id = ?1 order by created_at"""),
            Query.of("survey_responses", """
                    select id, survey_id, survey_version, survey_kind, score, touchpoint, topic, case_id, invitation_id,
                        channel, language, segment, comment, answers::json as answers, sentiment, responded_at
                    from survey_responses where customer_id = ?1 order by responded_at"""),
            Query.of("response_items", """
                    select i.* from response_items i join survey_responses r on r.id = i.response_id
                    where r.customer_id = ?1 order by i.responded_at, i.item_id"""),
            Query.of("open_cases", "select case_id, opened_at from open_cases where customer_id = ?1"));

    public SurveyPersonalData() {
        super(STATEMENTS, EXPORT);
    }
}
