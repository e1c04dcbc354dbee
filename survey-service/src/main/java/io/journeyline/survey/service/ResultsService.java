package io.journeyline.survey.service;

import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.survey.config.SurveysConfig;
import io.journeyline.survey.domain.scoring.Answers;
import io.journeyline.survey.domain.scoring.Change;
import io.journeyline.survey.domain.scoring.RatingScale;
import io.journeyline.survey.domain.scoring.Score;
import io.journeyline.survey.persistence.ResultsRepository;
import io.journeyline.survey.persistence.ResultsRepository.Group;
import io.journeyline.survey.persistence.ResultsRepository.Scope;
import io.journeyline.survey.persistence.SurveyRepository;
import io.journeyline.platform.validation.ReportPeriod;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Survey results with their n and intervals: the headline score (and for CSAT the mean, labelled apart), the
 * response rate, every rating item, theme and dimension, breakdowns by touchpoint, channel and segment, and the
 * trend per time bucket with each bucket's change from the one before in absolute and relative terms.
 */
@ApplicationScoped
public class ResultsService {
    private final ResultsRepository results;
    private final SurveyRepository surveys;
    private final SurveysConfig config;
    private final ReportPeriod.Reader periods;

    public ResultsService(ResultsRepository results, SurveyRepository surveys, SurveysConfig config,
                          ReportPeriod.Reader periods) {
        this.results = results;
        this.surveys = surveys;
        this.config = config;
        this.periods = periods;
    }

    /** A score in one group of a breakdown. */
    public record Slice(String value, Score score) {
    }

    /** One time bucket: its score and its change from the bucket before (null for the first). */
    public record Bucket(String start, Score score, Change change) {
    }

    /** The response rate: completed / invited (sent) in the period, as a share in percent with its interval. */
    public record ResponseRate(long invited, long completed, Score rate) {
    }

    /**
     * @param headline the survey kind's headline score; {@code mean} for CSAT besides the share satisfied
     */
    public record Results(String surveyId, String kind, OffsetDateTime from, OffsetDateTime to, String bucket,
                          Score headline, Score mean, ResponseRate responseRate, List<Slice> items, List<Slice> themes,
                          List<Slice> dimensions, Map<String, List<Slice>> breakdowns, List<Bucket> trend) {
    }

    @WithSession
    public Uni<Results> ofSurvey(String surveyId, OffsetDateTime from, OffsetDateTime to, String bucket) {
        return surveys.find(surveyId, null, false).chain(found -> {
            SurveyKind kind = found.map(s -> s.definition().kind()).orElse(null);
            if (kind == null) {
                return Uni.createFrom().failure(ProblemException.notFound("survey", surveyId));
            }
            return compute(surveyId, kind, from, to, bucket);
        });
    }

    /** Across every survey of a kind (headlines of different kinds do not add up). */
    @WithSession
    public Uni<Results> ofKind(SurveyKind kind, OffsetDateTime from, OffsetDateTime to, String bucket) {
        return compute(null, kind, from, to, bucket);
    }

    private Uni<Results> compute(String surveyId, SurveyKind kind, OffsetDateTime from, OffsetDateTime to,
                                 String bucket) {
        return periods.of(from, to, config.resultsWindow(), List.of())
                .chain(period -> compute(new Scope(surveyId, kind.name(), period.from(), period.to()), kind, bucket));
    }

    private Uni<Results> compute(Scope scope, SurveyKind kind, String bucket) {
        RatingScale scale = RatingScale.of(kind);
        double confidence = config.confidence();
        return results.headline(scope, scale, bucket).chain(groups -> results.items(scope)
                .chain(items -> results.responseRate(scope).map(rate -> {
                    Answers all = groups.stream().filter(g -> g.dimension().equals("all")).findFirst()
                            .map(Group::answers).orElse(Answers.NONE);
                    Score headline = all.n() == 0 ? null : Score.headline(scale, all, confidence);
                    Score mean = all.n() == 0 || scale != RatingScale.CSAT ? null : Score.mean(scale, all, confidence);
                    Map<String, List<Slice>> breakdowns = new LinkedHashMap<>();
                    for (String dimension : List.of("touchpoint", "channel", "segment")) {
                        breakdowns.put(dimension, slices(groups, dimension, scale, confidence));
                    }
                    return new Results(scope.surveyId(), kind.name(), scope.from(), scope.to(), bucket, headline, mean,
                            new ResponseRate(rate[0], rate[1], rate[0] == 0 ? null
                                    : Score.percentSatisfied(new Answers(rate[0], 0, 0, rate[1], 0), confidence)),
                            slices(items, "item", RatingScale.LIKERT, confidence),
                            slices(items, "theme", RatingScale.LIKERT, confidence),
                            slices(items, "dimension", RatingScale.LIKERT, confidence),
                            breakdowns, trend(groups, scale, confidence));
                })));
    }

    private static List<Slice> slices(List<Group> groups, String dimension, RatingScale scale, double confidence) {
        return groups.stream().filter(g -> g.dimension().equals(dimension))
                .sorted(Comparator.comparing(Group::value))
                .map(g -> new Slice(g.value(), g.scale() != null ? Score.mean(g.scale(), g.answers(), confidence)
                        : Score.headline(scale, g.answers(), confidence)))
                .toList();
    }

    private static List<Bucket> trend(List<Group> groups, RatingScale scale, double confidence) {
        List<Bucket> trend = new ArrayList<>();
        Score previous = null;
        for (Slice slice : slices(groups, "bucket", scale, confidence)) {
            trend.add(new Bucket(slice.value(), slice.score(), previous == null ? null
                    : Change.between(previous, slice.score())));
            previous = slice.score();
        }
        return trend;
    }
}
