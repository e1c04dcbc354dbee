package io.journeyline.feedback.service;

import io.journeyline.platform.timers.FiredTimer;
import io.journeyline.platform.timers.TimerHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A resolved case's follow-up deadline came: the case closes NOT_VERIFIED if no follow-up outcome came first. */
@ApplicationScoped
public class FollowUpDeadlines implements TimerHandler {
    private final CaseCommands commands;

    public FollowUpDeadlines(CaseCommands commands) {
        this.commands = commands;
    }

    @Override
    public String kind() {
        return CaseCommands.FOLLOW_UP;
    }

    @Override
    public Uni<Void> fire(FiredTimer timer) {
        return commands.followUpExpired(timer.payload());
    }
}
