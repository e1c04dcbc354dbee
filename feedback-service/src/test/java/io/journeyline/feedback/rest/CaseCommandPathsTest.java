package io.journeyline.feedback.rest;

import io.journeyline.feedback.domain.cases.CaseLifecycle;
import io.journeyline.feedback.domain.cases.CaseLifecycle.Command;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case view's {@code allowed} names commands by {@link CaseLifecycle#path}: each such path is a command endpoint
 * of {@link CaseResource}, and each command endpoint is one the lifecycle can offer. Not a {@code @QuarkusTest}: the
 * annotations say it.
 */
class CaseCommandPathsTest {
    private static final String PREFIX = "/cases/{caseId}/";

    @Test
    void theLifecyclesPathsAreExactlyTheResourcesCommandEndpoints() {
        var endpoints = Arrays.stream(CaseResource.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(POST.class))
                .map(method -> method.getAnnotation(Path.class).value())
                .filter(path -> path.startsWith(PREFIX))
                .map(path -> path.substring(PREFIX.length()))
                .toList();
        var paths = Arrays.stream(Command.values()).map(CaseLifecycle::path).flatMap(Optional::stream).toList();

        assertThat(paths).containsExactlyInAnyOrderElementsOf(endpoints)
                .containsExactly("acknowledge", "assign", "notes", "escalate", "wait-on-customer", "resume", "resolve",
                        "callback");
    }
}
