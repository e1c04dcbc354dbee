package io.journeyline.survey.persistence;

import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.paging.KeysetCursor;
import io.journeyline.platform.persistence.Transactions;
import io.journeyline.survey.domain.SurveyResponse;
import io.journeyline.survey.domain.answers.AnswerSheet.ItemScore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Survey responses by id and newest first, and their rating items. */
@ApplicationScoped
public class SurveyResponseRepository implements PanacheRepositoryBase<SurveyResponse, String> {

    /** Which responses a list shows: a survey's, a customer's, or one customer's answers to one survey. */
    public record Filter(String surveyId, String customerId) {
        public Filter {
            if (surveyId == null && customerId == null) {
                throw new IllegalArgumentException("a list of responses is a survey's or a customer's");
            }
        }
    }

    /**
     * Up to {@code limit} responses of the filter, newest first by {@code responded_at} then id, strictly after
     * {@code after} (a position a previous page handed out) when given.
     */
    public Uni<List<SurveyResponse>> newestFirst(Filter filter, KeysetCursor after, int limit) {
        String statement = newestFirstStatement(filter.surveyId() != null, filter.customerId() != null, after != null);
        List<Object> values = new ArrayList<>();
        if (filter.surveyId() != null) {
            values.add(filter.surveyId());
        }
        if (filter.customerId() != null) {
            values.add(filter.customerId());
        }
        if (after != null) {
            values.add(after.time());
            values.add(after.tieBreaker());
        }
        values.add(limit);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(statement, SurveyResponse.class);
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
            return query.getResultList();
        });
    }

    /**
     * The statement of {@link #newestFirst}: its parameters are the survey id, the customer id, the position's time and
     * id (those that apply, in that order), then the limit. Its order is that of the V8 indexes {@code (survey_id |
     * customer_id, responded_at desc, id desc)} and the position a row comparison on their trailing columns, so
     * PostgreSQL starts the index scan at the position and stops after the page. Public so that a test can EXPLAIN the
     * very statement the service runs.
     */
    public static String newestFirstStatement(boolean bySurvey, boolean byCustomer, boolean after) {
        List<String> conditions = new ArrayList<>();
        int parameter = 0;
        if (bySurvey) {
            conditions.add("survey_id = ?" + ++parameter);
        }
        if (byCustomer) {
            conditions.add("customer_id = ?" + ++parameter);
        }
        if (after) {
            conditions.add("(responded_at, id) < (?" + ++parameter + ", ?" + ++parameter + ")");
        }
        return "select * from survey_responses where " + String.join(" and ", conditions)
                + " order by responded_at desc, id desc limit ?" + ++parameter;
    }

    /** Whether a survey of this id is defined, or has responses recorded (an ingested answer needs no definition). */
    public Uni<Boolean> surveyKnown(String surveyId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select exists (select 1 from surveys where id = ?1)
                            or exists (select 1 from survey_responses where survey_id = ?1)""", Boolean.class)
                .setParameter(1, surveyId).getSingleResult());
    }

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
