package io.journeyline.education.domain;

/**
 * How far a customer got with assigned education: ASSIGNED → STARTED → COMPLETED, never backwards. HELD_OUT (the
 * control group) and SUPPRESSED (no consent, nothing fits) are decisions that got no content and take no progress.
 */
public enum AssignmentStatus {
    ASSIGNED, STARTED, COMPLETED, HELD_OUT, SUPPRESSED;

    /** Whether progress may move from this status to {@code next} (staying put is allowed and changes nothing). */
    public boolean canMoveTo(AssignmentStatus next) {
        if (this.ordinal() > COMPLETED.ordinal() || next.ordinal() > COMPLETED.ordinal()) {
            return false;
        }
        return next.ordinal() >= ordinal();
    }
}
