package io.journeyline.survey.persistence;

import io.journeyline.survey.domain.SurveyResponse;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Survey responses by id. */
@ApplicationScoped
public class SurveyResponseRepository implements PanacheRepositoryBase<SurveyResponse, String> {
}
