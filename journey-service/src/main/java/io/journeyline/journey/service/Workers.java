package io.journeyline.journey.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;

import java.util.function.Supplier;

/**
 * Work that grows with its input (compiling and testing a rule set, replaying a page of history) runs on Quarkus'
 * worker pool, never on the Vert.x event loop every request and consumer of the replica shares; its outcome comes back
 * on the caller's context, where the reactive session lives.
 */
final class Workers {

    private Workers() {
    }

    /** {@code work} on a worker; its outcome on {@code context} (on the worker when there is none). */
    static <T> Uni<T> onAWorker(Supplier<T> work, Context context) {
        Uni<T> onWorker = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? onWorker : onWorker.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
