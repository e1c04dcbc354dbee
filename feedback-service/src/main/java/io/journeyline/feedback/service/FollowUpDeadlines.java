package io.journeyline.feedback.service;

import io.journeyline.feedback.persistence.CaseRepository;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.timers.FiredTimer;
import io.journeyline.platform.timers.TimerHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A resolved case's follow-up deadline came: the case closes NOT_VERIFIED if no follow-up outcome came first. */
@ApplicationScoped
public class FollowUpDeadlines implements TimerHandler {
    private final CaseCommands commands;
    private final CaseRepository cases;

    public FollowUpDeadlines(CaseCommands commands, CaseRepository cases) {
        this.commands = commands;
        this.cases = cases;
    }

    /** The case first, as the callback command locks it before it cancels this deadline. */
    @Override
    public Uni<Boolean> tryLockFirst(FiredTimer timer) {
        return cases.tryLock(timer.payload());
    }

    @Override
    public String kind() {
        return CaseCommands.FOLLOW_UP;
    }

    @Override
    public Uni<Void> fire(FiredTimer timer) {
        return commands.followUpExpired(timer.payload(), Cause.of(timer));
    }
}
