package io.journeyline.platform.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.Collection;
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

    /**
     * {@code step} for each item in turn; fails with the first step that fails, the later ones not run (a step that
     * should not stop the batch recovers its own failure). The items are the ones {@code items} holds now, as a
     * {@code for} loop building a chain would have taken them, whatever happens to the collection afterwards.
     */
    public static <T> Uni<Void> each(Collection<? extends T> items, Function<? super T, ? extends Uni<?>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<T> batch = new ArrayList<>(items);
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).replaceWith(Boolean.TRUE))
                .collect().last()
                .replaceWithVoid();
    }
}
