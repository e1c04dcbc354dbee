package io.journeyline.platform.messaging;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InOrderTest {
    /**
     * A batch whose steps mostly complete at once, then one that waits for an answer from elsewhere (a query): the
     * batch completes, in order. The nested chain this replaces overflowed its stack here and never completed.
     */
    @Test
    void a_hundred_thousand_steps_that_complete_at_once_then_one_that_waits() {
        List<Integer> done = new ArrayList<>();
        List<Integer> items = IntStream.range(0, 100_001).boxed().toList();
        CompletableFuture<String> answer = new CompletableFuture<>();

        Uni<Void> batch = InOrder.each(items, item -> {
            if (item < 100_000) {
                done.add(item);
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().completionStage(answer).invoke(() -> done.add(item));
        });
        var subscriber = batch.subscribe().asCompletionStage();
        answer.complete("the query's rows");

        subscriber.toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(done).containsExactlyElementsOf(items);
    }

    @Test
    void the_first_failure_fails_the_batch_and_stops_it() {
        List<Integer> done = new ArrayList<>();

        Uni<Void> batch = InOrder.each(List.of(1, 2, 3), item -> {
            done.add(item);
            return item == 2 ? Uni.createFrom().failure(new IllegalStateException("step 2 failed"))
                    : Uni.createFrom().voidItem();
        });

        assertThatThrownBy(() -> batch.await().atMost(Duration.ofSeconds(5))).hasMessage("step 2 failed");
        assertThat(done).containsExactly(1, 2);
    }

    @Test
    void a_step_that_recovers_its_failure_lets_the_batch_go_on() {
        List<Integer> done = new ArrayList<>();

        Uni<Void> batch = InOrder.each(List.of(1, 2, 3), item -> (item == 2
                ? Uni.createFrom().failure(new IllegalStateException("step 2 failed"))
                : Uni.createFrom().voidItem())
                .invoke(() -> done.add(item))
                .onFailure().recoverWithItem(() -> null));

        batch.await().atMost(Duration.ofSeconds(5));
        assertThat(done).containsExactly(1, 3);
    }

    /** As the loop it replaces: the batch is the items as they were when it was made, not when it runs. */
    @Test
    void the_items_are_those_the_collection_held_when_the_batch_was_made() {
        List<String> items = new ArrayList<>(List.of("a", "b"));
        Set<String> unordered = new LinkedHashSet<>(List.of("c"));
        List<String> done = new ArrayList<>();

        Uni<Void> first = InOrder.each(items, item -> Uni.createFrom().voidItem().invoke(() -> done.add(item)));
        Uni<Void> second = InOrder.each(unordered, item -> Uni.createFrom().voidItem().invoke(() -> done.add(item)));
        Uni<Void> batch = first.chain(() -> second);
        items.add("late");
        items.remove("a");
        unordered.clear();

        batch.await().atMost(Duration.ofSeconds(5));
        assertThat(done).containsExactly("a", "b", "c");
    }

    @Test
    void nothing_to_do_completes() {
        assertThat(InOrder.each(List.of(), item -> Uni.createFrom().voidItem()).await().atMost(Duration.ofSeconds(1)))
                .isNull();
    }
}
