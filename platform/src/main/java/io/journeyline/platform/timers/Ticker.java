package io.journeyline.platform.timers;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The one way platform code runs periodic background work (the outbox relay, the timer poller): a Vert.x timer,
 * because Quarkus' scheduler runs at most once a second; runs never overlap; each run gets its own duplicated,
 * safe Vert.x context, as Hibernate Reactive requires.
 */
public final class Ticker {
    private static final Logger LOG = Logger.getLogger(Ticker.class);

    private final Vertx vertx;
    private final String name;
    private final Supplier<Uni<?>> work;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timerId = -1;

    private Ticker(Vertx vertx, String name, Supplier<Uni<?>> work) {
        this.vertx = vertx;
        this.name = name;
        this.work = work;
    }

    /** Starts running {@code work} every {@code interval}; a run still going when the next is due is not doubled. */
    public static Ticker start(Vertx vertx, String name, Duration interval, Supplier<Uni<?>> work) {
        Ticker ticker = new Ticker(vertx, name, work);
        ticker.timerId = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> ticker.tick());
        return ticker;
    }

    public void stop() {
        vertx.cancelTimer(timerId);
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        onOwnContext(vertx, () -> work.get().replaceWithVoid()).subscribe().with(result -> running.set(false), failure -> {
            LOG.warnf("%s failed, will run again: %s", name, failure.toString());
            running.set(false);
        });
    }

    /**
     * Runs {@code work} on a new duplicated, safe Vert.x context of its own: what lets background work run several
     * transactions at once, as Hibernate Reactive keeps one session per context.
     */
    public static <T> Uni<T> onOwnContext(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> Uni.createFrom().<T>deferred(work::get).subscribe().with(emitter::complete, emitter::fail));
        });
    }
}
