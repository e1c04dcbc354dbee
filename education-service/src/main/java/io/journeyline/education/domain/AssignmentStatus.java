package io.journeyline.education.domain;

/** How far a customer got with assigned education. ASSIGNED → STARTED → COMPLETED; never backwards. */
public enum AssignmentStatus {
    ASSIGNED, STARTED, COMPLETED;

    /** Whether progress may move from this status to {@code next} (staying put is allowed and changes nothing). */
    public boolean canMoveTo(AssignmentStatus next) {
        return next.ordinal() >= ordinal();
    }
}
