package io.journeyline.education.domain;

import java.math.BigDecimal;

/**
 * A learning platform's report of how far a customer got — on a learning path, with one unit ({@code contentId});
 * the REST layer maps requests to it.
 */
public record Progress(AssignmentStatus status, BigDecimal score, Integer percent, String contentId) {
}
