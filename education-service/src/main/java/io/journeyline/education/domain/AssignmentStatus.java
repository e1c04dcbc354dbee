package io.journeyline.education.domain;

/**
 * How far a customer got with assigned education: ASSIGNED → STARTED → COMPLETED, never backwards. DROPPED_OUT: no
 * progress for the configured days (a later report brings the customer back to STARTED or COMPLETED). HELD_OUT (the
 * control group) and SUPPRESSED (no consent, nothing fits) are decisions that got no content and take no progress.
 */
public enum AssignmentStatus {
    ASSIGNED, STARTED, COMPLETED, HELD_OUT, SUPPRESSED, DROPPED_OUT;

    /** Whether a progress report may move from this status to {@code next} (staying put changes nothing). */
    public boolean canMoveTo(AssignmentStatus next) {
        return switch (this) {
            case ASSIGNED, DROPPED_OUT -> next == STARTED || next == COMPLETED || next == this;
            case STARTED -> next == STARTED || next == COMPLETED;
            case COMPLETED -> next == COMPLETED;
            case HELD_OUT, SUPPRESSED -> false;
        };
    }

    /** Whether the customer may still be working on it (a drop-out timer runs). */
    public boolean inProgress() {
        return this == ASSIGNED || this == STARTED;
    }
}
