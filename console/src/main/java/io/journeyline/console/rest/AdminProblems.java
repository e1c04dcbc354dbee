package io.journeyline.console.rest;

import io.journeyline.console.domain.FieldProblems;
import io.journeyline.console.service.Reply;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** How the admin pages turn a service's answer into problems at their forms' inputs. */
final class AdminProblems {
    private AdminProblems() {
    }

    /** The problem's fields as issues (none for a problem without fields, or no problem). */
    static List<FieldProblems.Issue> issues(Reply.Problem problem) {
        return problem == null ? List.of() : problem.fields().stream()
                .map(f -> new FieldProblems.Issue(f.field(), f.message())).toList();
    }

    /** A list of {field, message} objects (as journey-service's validation answers it) as issues. */
    static List<FieldProblems.Issue> issues(Object problems) {
        if (!(problems instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(Map.class::cast)
                .map(p -> new FieldProblems.Issue(String.valueOf(p.get("field")), String.valueOf(p.get("message"))))
                .toList();
    }

    /** The status a page re-rendered after a refused request answers with: the service's, 502 when it did not answer. */
    static int status(Reply reply) {
        return reply.status() == 0 ? 502 : reply.status();
    }

    static Response page(int status, Object page) {
        return Response.status(status).entity(page).build();
    }
}
