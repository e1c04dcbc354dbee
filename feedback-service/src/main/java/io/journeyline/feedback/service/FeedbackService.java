package io.journeyline.feedback.service;

import io.journeyline.contract.event.FeedbackReceived;
import io.journeyline.feedback.domain.FeedbackItem;
import io.journeyline.feedback.persistence.FeedbackRepository;
import io.journeyline.feedback.domain.NewFeedback;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.sentiment.Sentiment;
import io.journeyline.sentiment.SentimentAnalyzer;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Receives feedback: scores its text's sentiment (unless the sender sent its own), stores it, publishes
 * {@code feedback.received} (its time: when the feedback was received) and, for a complaint, opens or joins the
 * customer's case on its topic — all in one transaction.
 */
@ApplicationScoped
public class FeedbackService {
    private final FeedbackRepository feedback;
    private final Outbox outbox;
    private final CaseService cases;
    private final Clock clock;

    public FeedbackService(FeedbackRepository feedback, Outbox outbox, CaseService cases, Clock clock) {
        this.feedback = feedback;
        this.outbox = outbox;
        this.cases = cases;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<FeedbackItem> receive(NewFeedback request) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        FeedbackItem item = new FeedbackItem();
        item.id = UUID.randomUUID().toString();
        item.customerId = request.customerId();
        item.kind = request.kind().wire();
        item.category = request.category().wire();
        item.channel = request.channel().wire();
        item.topic = request.topic();
        item.text = request.text();
        item.severity = request.severity() == null ? null : request.severity().wire();
        item.touchpoint = request.touchpoint();
        item.receivedAt = request.receivedAt() != null ? request.receivedAt() : now;
        scoreSentiment(item, request.sentiment());
        return feedback.persist(item)
                .call(saved -> outbox.publishOccurred(new FeedbackReceived(saved.customerId, saved.id, request.kind(),
                        request.category(), request.channel(), saved.topic, saved.text, saved.sentiment,
                        request.severity(), saved.touchpoint), saved.receivedAt))
                .call(cases::onFeedback);
    }

    /** The sender's own score when it sent one; else this service's score of the text (none without words). */
    private static void scoreSentiment(FeedbackItem item, Double sendersScore) {
        if (sendersScore != null) {
            item.sentiment = sendersScore;
            item.sentimentSource = "sender";
            return;
        }
        Sentiment scored = SentimentAnalyzer.shared().analyze(item.text);
        if (scored != Sentiment.NONE) {
            item.sentiment = scored.score();
            item.sentimentSource = "computed";
            item.sentimentLanguage = scored.language();
        }
    }

    @WithSession
    public Uni<FeedbackItem> get(String id) {
        return feedback.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("feedback", id));
    }
}
