package io.journeyline.platform.audit;

import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/audit} on every service (privacy officers): this service's access log, newest first, filtered by
 * customer (given by id, looked up by its HMAC: the log never holds the id), actor and period, cursor-paged.
 */
@Path("/api/v1/audit")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final Pseudonyms pseudonyms;
    private final AuditSubject subject;

    public AuditResource(Pseudonyms pseudonyms, AuditSubject subject) {
        this.pseudonyms = pseudonyms;
        this.subject = subject;
    }

    /** One request of a person as the log holds it. */
    public record Access(long id, OffsetDateTime at, String actor, String roles, String method, String resource,
                         String target, String customerHmac, int status, String requestId) {
    }

    public record Page(List<Access> items, String nextCursor) {
    }

    @GET
    @RolesAllowed(Roles.PRIVACY)
    @Operation(summary = "Who read or changed what about which customer here, newest first (customerId, actor, from, to)")
    public Uni<Page> list(@QueryParam("customerId") String customerId, @QueryParam("actor") String actor,
                          @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                          @QueryParam("cursor") String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        OffsetDateTime since = time("from", from, errors);
        OffsetDateTime until = time("to", to, errors);
        long before = Long.MAX_VALUE;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                errors.add(Problem.FieldError.of("cursor", "is not a cursor this endpoint gave"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid filter", errors);
        }
        if (customerId != null) {
            subject.about(customerId);
        }
        String hmac = customerId == null ? null : pseudonyms.of(customerId);
        long after = before;
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select seq, at, actor, roles, method, resource, target, customer_hmac, status, request_id
                        from platform_access_log
                        where seq < ?1 and (cast(?2 as text) is null or customer_hmac = ?2)
                          and (cast(?3 as text) is null or actor = ?3)
                          and (cast(?4 as timestamptz) is null or at >= ?4) and (cast(?5 as timestamptz) is null or at < ?5)
                        order by seq desc limit ?6""", Object[].class)
                        .setParameter(1, after).setParameter(2, hmac).setParameter(3, actor).setParameter(4, since)
                        .setParameter(5, until).setParameter(6, limit + 1).getResultList()))
                .map(rows -> {
                    List<Access> items = rows.stream().limit(limit).map(r -> new Access(((Number) r[0]).longValue(),
                            (OffsetDateTime) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                            (String) r[6], (String) r[7], ((Number) r[8]).intValue(), (String) r[9])).toList();
                    return new Page(items, rows.size() > limit ? Long.toString(items.get(items.size() - 1).id()) : null);
                });
    }

    private static OffsetDateTime time(String field, String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(Problem.FieldError.of(field, "is not an RFC 3339 date-time with offset"));
            return null;
        }
    }
}
