package io.journeyline.local;

import java.util.concurrent.Callable;

/**
 * One journey story of ../shared/STORIES.md as a test runs it, step by step: a step that fails names the story, the
 * step and what it saw, so the suite's report reads "Story 2, step 'the case closes RECOVERED': expected … but …".
 */
final class Story {
    private final String name;

    Story(String name) {
        this.name = name;
    }

    /** Runs a step that yields what later steps need. */
    <T> T step(String what, Callable<T> action) {
        System.out.println("[stories] " + name + ": " + what);
        try {
            return action.call();
        } catch (Throwable e) {
            throw new AssertionError(name + ", step '" + what + "': " + e.getMessage(), e);
        }
    }

    /** Runs a step that only checks. */
    void check(String what, Step action) {
        step(what, () -> {
            action.run();
            return null;
        });
    }

    /** A step's work; may throw anything (an assertion, a timeout). */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }
}
