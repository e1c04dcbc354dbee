package io.journeyline.journey.service;

import io.journeyline.contract.vocabulary.Stage;
import io.journeyline.journey.config.HealthConfig;
import io.journeyline.journey.config.StagesConfig;
import io.journeyline.journey.domain.HealthScore;
import io.journeyline.journey.domain.Intervention;
import io.journeyline.journey.domain.stages.StageModel;
import io.journeyline.journey.persistence.ContactCountRepository;
import io.journeyline.journey.persistence.IdentityRepository;
import io.journeyline.journey.persistence.InterventionRepository;
import io.journeyline.journey.persistence.StageRepository;
import io.journeyline.journey.persistence.StageRepository.Change;
import io.journeyline.journey.persistence.StageRepository.StageRow;
import io.journeyline.journey.persistence.TimelineRepository;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's journey at a glance: stage, scores, contacts, open pain points, interventions, health. Scores,
 * contacts, pain points and interventions include those of the customers linked to it; the stage is its own.
 */
@ApplicationScoped
public class JourneyViewService {
    /** The open pain points the view shows at most, newest first. */
    static final int OPEN_SHOWN = 200;
    /** The interventions the view shows at most, newest first. */
    static final int INTERVENTIONS_SHOWN = 100;
    private final StageRepository stages;
    private final TimelineRepository timeline;
    private final ContactCountRepository contacts;
    private final PainPointService painPoints;
    private final InterventionRepository interventions;
    private final IdentityRepository identities;
    private final StageModel model;
    private final HealthConfig health;
    private final StagesConfig stagesConfig;
    private final Clock clock;

    public JourneyViewService(StageRepository stages, TimelineRepository timeline,
                              ContactCountRepository contacts, PainPointService painPoints,
                              InterventionRepository interventions, IdentityRepository identities, StageModel model,
                              HealthConfig health, StagesConfig stagesConfig, Clock clock) {
        this.stages = stages;
        this.timeline = timeline;
        this.contacts = contacts;
        this.stagesConfig = stagesConfig;
        this.painPoints = painPoints;
        this.interventions = interventions;
        this.identities = identities;
        this.model = model;
        this.health = health;
        this.clock = clock;
    }

    /** A survey kind's latest score. */
    public record Score(double score, OffsetDateTime at) {
    }

    /** {@code stageHistory}: the latest changes, oldest first; {@code stageHistoryComplete}: none older left out. */
    public record Journey(String customerId, List<String> linkedCustomerIds, String stage, String phase, OffsetDateTime stageEnteredAt,
                          Duration timeInStage, List<Change> stageHistory, boolean stageHistoryComplete,
                          Map<String, Score> latestScores,
                          Map<String, Long> contactsByTopic, Duration contactsWindow,
                          List<PainPointService.View> openPainPoints, List<Intervention> interventions,
                          HealthScore.Score health) {
    }

    /**
     * Eight queries, each bounded by what the view shows rather than by the customer's history: the customer with its
     * stage and group (primary key, group index), the latest stage changes, one latest answer per survey kind and
     * customer, contacts per topic (hourly counts and the window's first hour), the open pain points (a partial index of
     * open ones, {@value #OPEN_SHOWN} at most) with their evidence and interventions, and the latest
     * {@value #INTERVENTIONS_SHOWN} interventions (per customer, through their index). See docs/performance.md,
     * "Agent reads".
     */
    @WithSession
    public Uni<Journey> journey(String customerId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return identities.group(customerId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.notFound("customer", customerId));
            }
            List<String> members = found.get().members();
            return stages.history(customerId, stagesConfig.historyShown() + 1)
                    .chain(history -> timeline.latestScores(members)
                    .chain(scores -> contacts.since(members, now.minus(health.contactsWindow()))
                    .chain(counted -> painPoints.openOf(members, OPEN_SHOWN)
                    .chain(open -> interventions.ofCustomers(members, INTERVENTIONS_SHOWN)
                    .map(sent -> view(customerId, members, found.get().stage(), history, scores, counted, open, sent,
                            now))))));
        });
    }

    private Journey view(String customerId, List<String> members, StageRow stage, List<Change> history, List<Object[]> scoreRows,
                         Map<String, Long> contacts, List<PainPointService.View> open, List<Intervention> sent,
                         OffsetDateTime now) {
        Map<String, Score> scores = new LinkedHashMap<>();
        for (Object[] row : scoreRows) {
            if (row[1] != null) {
                scores.put((String) row[0], new Score(((Number) row[1]).doubleValue(), (OffsetDateTime) row[2]));
            }
        }
        String current = stage == null ? null : stage.stage();
        HealthScore.Score score = HealthScore.of(new HealthScore.Facts(
                open.stream().map(view -> view.painPoint().severity).toList(), value(scores, "NPS"),
                value(scores, "CSAT"), value(scores, "CES"), current, contacts), health.weights());
        OffsetDateTime entered = stage == null ? null : stage.enteredAt();
        boolean complete = history.size() <= stagesConfig.historyShown();
        List<Change> shown = complete ? history : history.subList(history.size() - stagesConfig.historyShown(), history.size());
        return new Journey(customerId, members.stream().filter(m -> !m.equals(customerId)).toList(), current, current == null ? null : model.phase(Stage.valueOf(current)), entered,
                entered == null ? null : Duration.between(entered, now).isNegative() ? Duration.ZERO
                        : Duration.between(entered, now), shown, complete, scores, contacts, health.contactsWindow(), open, sent,
                score);
    }

    private static Double value(Map<String, Score> scores, String kind) {
        Score score = scores.get(kind);
        return score == null ? null : score.score();
    }
}
