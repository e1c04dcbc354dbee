package io.journeyline.feedback.persistence;

import io.journeyline.feedback.domain.FeedbackItem;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Feedback items by id. */
@ApplicationScoped
public class FeedbackRepository implements PanacheRepositoryBase<FeedbackItem, String> {
}
