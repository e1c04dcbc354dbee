package io.journeyline.education.domain;

/** Education to assign: one content item or one learning path; the REST layer maps requests to it. */
public record NewAssignment(String customerId, String contentId, String pathId, String reason) {
}
