package io.journeyline.feedback.service;

import io.journeyline.feedback.service.SlaService.Alarm;
import io.journeyline.feedback.persistence.CaseRepository;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.timers.FiredTimer;
import io.journeyline.platform.timers.TimerHandler;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fired SLA timers (the platform's poller, in its batch's transaction, catching up after downtime): a warning is
 * noted in the case's history; a breach is published and escalates the case.
 */
@ApplicationScoped
public class SlaAlarms implements TimerHandler {
    private final SlaService sla;
    private final CaseCommands commands;
    private final CaseRepository cases;

    public SlaAlarms(SlaService sla, CaseCommands commands, CaseRepository cases) {
        this.sla = sla;
        this.commands = commands;
        this.cases = cases;
    }

    /** The case first, as every command on it locks it before its clocks and their timers. */
    @Override
    public Uni<Boolean> tryLockFirst(FiredTimer timer) {
        return cases.tryLock(timer.payloadAs(Alarm.class).caseId());
    }

    @Override
    public String kind() {
        return SlaService.KIND;
    }

    @Override
    public Uni<Void> fire(FiredTimer timer) {
        Alarm alarm = timer.payloadAs(Alarm.class);
        return sla.fired(alarm).chain(marked -> marked.isEmpty() ? Uni.createFrom().voidItem()
                : alarm.breach() ? commands.slaBreached(alarm.caseId(), alarm.clock(), marked.get().dueAt(), Cause.of(timer))
                : commands.slaWarning(alarm.caseId(), alarm.clock()));
    }
}
