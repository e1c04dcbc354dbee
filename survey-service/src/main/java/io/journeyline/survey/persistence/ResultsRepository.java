package io.journeyline.survey.persistence;

import io.journeyline.survey.domain.scoring.Answers;
import io.journeyline.survey.domain.scoring.RatingScale;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The sufficient statistics behind the results, summed in PostgreSQL so a results call over a million responses reads
 * them once: the headline answers overall and per touchpoint, channel, segment and time bucket in one pass (grouping
 * sets); the rating items per item, theme and dimension in another; invitations sent and completed in a third.
 */
@ApplicationScoped
public class ResultsRepository {

    /** Which responses: one survey (its id), or every survey of a kind (no id); answered in [from, to). */
    public record Scope(String surveyId, String kind, OffsetDateTime from, OffsetDateTime to) {
    }

    /**
     * One group's statistics. {@code dimension}: {@code all}, {@code touchpoint}, {@code channel}, {@code segment},
     * {@code bucket}; {@code item}, {@code theme}, {@code dimension}. {@code scale}: the items' scale (items only).
     */
    public record Group(String dimension, String value, Answers answers, RatingScale scale) {
    }

    public Uni<List<Group>> headline(Scope scope, RatingScale scale, String bucket) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select grouping(touchpoint), grouping(channel), grouping(segment), grouping(bucket),
                               touchpoint, channel, segment, to_char(bucket, 'YYYY-MM-DD'),
                               count(*), sum(score), sum(score * score),
                               count(*) filter (where score >= ?4), count(*) filter (where score <= ?5)
                        from (select score::float8 as score, coalesce(touchpoint, '(none)') as touchpoint,
                                     coalesce(channel, '(none)') as channel, coalesce(segment, '(none)') as segment,
                                     date_trunc(?6, responded_at at time zone 'UTC') as bucket
                              from survey_responses
                              where\s""" + responses(scope) + """
                                and responded_at >= ?2 and responded_at < ?3) r
                        group by grouping sets ((), (touchpoint), (channel), (segment), (bucket))""", Object[].class)
                .setParameter(1, scope.surveyId() != null ? scope.surveyId() : scope.kind())
                .setParameter(2, scope.from()).setParameter(3, scope.to())
                .setParameter(4, finite(scale.topFrom())).setParameter(5, finite(scale.bottomTo())).setParameter(6, bucket)
                .getResultList())
                .map(rows -> rows.stream().map(ResultsRepository::group).toList());
    }

    /** Per rating item ({@code item}), theme ({@code theme}) and dimension ({@code dimension}); 1–5 items for themes. */
    public Uni<List<Group>> items(Scope scope) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select grouping(item_id), grouping(theme), grouping(dimension), item_id, theme, dimension,
                               count(*), sum(i.score), sum(i.score * i.score), min(i.scale)
                        from response_items i
                        where\s""" + (scope.surveyId() != null ? "i.survey_id = ?1\n"
                        : "i.survey_id in (select id from surveys where kind = ?1)\n") + """
                          and i.responded_at >= ?2 and i.responded_at < ?3
                        group by grouping sets ((item_id), (theme), (dimension))""", Object[].class)
                .setParameter(1, scope.surveyId() != null ? scope.surveyId() : scope.kind())
                .setParameter(2, scope.from()).setParameter(3, scope.to())
                .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> {
                            String dimension = number(r[0]) == 0 ? "item" : number(r[1]) == 0 ? "theme" : "dimension";
                            String value = (String) (number(r[0]) == 0 ? r[3] : number(r[1]) == 0 ? r[4] : r[5]);
                            RatingScale scale = dimension.equals("item") ? RatingScale.valueOf((String) r[9]) : RatingScale.LIKERT;
                            return new Group(dimension, value, new Answers(number(r[6]), dbl(r[7]), dbl(r[8]), 0, 0), scale);
                        })
                        .filter(g -> g.value() != null)
                        .toList());
    }

    /** Invitations sent in [from, to) and how many of them were completed: [invited, completed]. */
    public Uni<long[]> responseRate(Scope scope) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select count(*), count(*) filter (where status = 'COMPLETED') from invitations
                        where status <> 'SUPPRESSED' and\s""" + responses(scope) + """
                          and created_at >= ?2 and created_at < ?3""", Object[].class)
                .setParameter(1, scope.surveyId() != null ? scope.surveyId() : scope.kind())
                .setParameter(2, scope.from()).setParameter(3, scope.to())
                .getSingleResult())
                .map(row -> new long[]{number(row[0]), number(row[1])});
    }

    private static Group group(Object[] r) {
        String dimension = number(r[0]) == 0 ? "touchpoint" : number(r[1]) == 0 ? "channel"
                : number(r[2]) == 0 ? "segment" : number(r[3]) == 0 ? "bucket" : "all";
        String value = switch (dimension) {
            case "touchpoint" -> (String) r[4];
            case "channel" -> (String) r[5];
            case "segment" -> (String) r[6];
            case "bucket" -> (String) r[7];
            default -> null;
        };
        return new Group(dimension, value, new Answers(number(r[8]), dbl(r[9]), dbl(r[10]), number(r[11]), number(r[12])),
                null);
    }

    /** One survey's responses, or every survey's of a kind (?1). */
    private static String responses(Scope scope) {
        return scope.surveyId() != null ? "survey_id = ?1\n" : "survey_kind = ?1\n";
    }

    /** No answer lies beyond a billion: the boxes a scale does not have match nothing. */
    private static double finite(double bound) {
        return Math.max(-1e9, Math.min(1e9, bound));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static double dbl(Object value) {
        return value == null ? 0 : ((Number) value).doubleValue();
    }
}
