package io.journeyline.platform.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/**
 * One step per item, each after the one before has completed, in the caller's transaction — the way to walk a batch.
 *
 * <p>Not {@code chain = chain.chain(...)} in a loop: that nests one operator per item, and steps that complete at once
 * (an answer already given, an entity only persisted until the flush) run inside each other's call stack. A batch of
 * a few hundred such steps followed by one real query overflowed the event loop's stack, the error was lost in a
 * completion stage, and the batch never completed (education-service after a restart on a backlog, found by
 * chaos.sh). Mutiny's concatenation drains in a loop instead, so the depth stays the same for any number of items.
 */
public final class InOrder {
    private InOrder() {
    }

    /** {@code step} for each item in turn; fails with the first step that fails, the later ones not run. */
    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(items)
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).replaceWith(Boolean.TRUE))
                .collect().last()
                .replaceWithVoid();
    }
}
