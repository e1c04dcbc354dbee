package io.journeyline.survey.persistence;

import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.persistence.Transactions;
import io.journeyline.survey.domain.SurveyResponse;
import io.journeyline.survey.domain.answers.AnswerSheet.ItemScore;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Survey responses by id, and their rating items. */
@ApplicationScoped
public class SurveyResponseRepository implements PanacheRepositoryBase<SurveyResponse, String> {

    /** The response's answered rating items, each a row the results aggregate; in the caller's transaction. */
    public Uni<Void> addItems(SurveyResponse response, List<ItemScore> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Transactions.inCallersTransaction("SurveyResponseRepository.addItems", session -> InOrder.each(items,
                item -> session.createNativeQuery("""
                                insert into response_items (response_id, survey_id, item_id, scale, theme, dimension, score,
                                    responded_at)
                                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                        .setParameter(1, response.id).setParameter(2, response.surveyId).setParameter(3, item.itemId())
                        .setParameter(4, item.scale().name()).setParameter(5, item.theme())
                        .setParameter(6, item.dimension()).setParameter(7, item.score())
                        .setParameter(8, response.respondedAt).executeUpdate()));
    }
}
