package io.journeyline.platform.audit;

import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.security.Roles;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Records every {@code /api/v1} request of a person — a token with a staff role — in the access log before it is
 * answered: who (the token's subject and roles), what (method and path, its parameters named), which customer (the
 * path's {@code customerId}, or those the code named through {@link AuditSubject}, one row each, as an HMAC), the status and the
 * request id ({@code X-Request-Id}, echoed; one is made when the caller sent none). A request refused for its roles is
 * recorded too (status 403). Requests without a valid token, and those of systems (an {@code ingest} token), are only
 * counted ({@code journeyline_access_refused_total{status}} for refusals): an anonymous flood cannot fill the table.
 * When its row cannot be written the answer is a 503: no data is handed out unrecorded. (A change has been committed
 * by then: it stands, and its 503 says it went unrecorded.)
 */
public class AccessLogFilter {
    private static final Logger LOG = Logger.getLogger(AccessLogFilter.class);
    private static final Set<String> PERSONS = Set.of(Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.PRIVACY);
    private static final Set<String> ROLES = Set.of(Roles.INGEST, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.PRIVACY);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** The resource of a request no endpoint matched (its path is not kept). */
    static final String UNMATCHED = "(no such resource)";

    private final AccessLog accessLog;
    private final CurrentIdentityAssociation identities;
    private final AuditSubject subject;
    private final Pseudonyms pseudonyms;
    private final MeterRegistry registry;
    private final Clock clock;

    public AccessLogFilter(AccessLog accessLog, CurrentIdentityAssociation identities, AuditSubject subject,
                           Pseudonyms pseudonyms, MeterRegistry registry, Clock clock) {
        this.accessLog = accessLog;
        this.identities = identities;
        this.subject = subject;
        this.pseudonyms = pseudonyms;
        this.registry = registry;
        this.clock = clock;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response,
                            SimpleResourceInfo resource) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/v1/")) {
            return Uni.createFrom().voidItem();
        }
        String requestId = requestId(request);
        response.getHeaders().putSingle(REQUEST_ID_HEADER, requestId);
        return identities.getDeferredIdentity().onFailure().recoverWithNull().chain(identity -> {
            if (identity == null || identity.isAnonymous() || identity.getRoles().stream().noneMatch(PERSONS::contains)) {
                if (response.getStatus() == 401 || response.getStatus() == 403) {
                    registry.counter("journeyline.access.refused", "status", Integer.toString(response.getStatus()))
                            .increment();
                }
                return Uni.createFrom().voidItem();
            }
            return Uni.join().all(entries(request, response, identity, requestId, resource).stream()
                            .map(accessLog::record).toList()).andFailFast().replaceWithVoid()
                    .onFailure().recoverWithUni(failure -> {
                        LOG.warnf("an access-log row could not be written, so %s %s is answered 503: %s",
                                request.getMethod(), path, failure);
                        registry.counter("journeyline.access.log.failures").increment();
                        response.setStatus(503);
                        response.getHeaders().putSingle("Retry-After", "5");
                        response.setEntity(Problem.of("unavailable", "Service Unavailable", 503,
                                "the access log cannot record this request right now, so it is not served; try again",
                                List.of()), null, MediaType.valueOf(Problem.MEDIA_TYPE));
                        return Uni.createFrom().voidItem();
                    });
        });
    }

    /** The request's rows: one, or one per customer when the code named several ({@link AuditSubject}). */
    private List<AccessLog.Entry> entries(ContainerRequestContext request, ContainerResponseContext response,
                                          SecurityIdentity identity, String requestId, SimpleResourceInfo matched) {
        MultivaluedMap<String, String> parameters = request.getUriInfo().getPathParameters();
        List<String> target = new ArrayList<>();
        String customerId = null;
        // the path with each segment that is a parameter's value named instead; a path no resource matched is not
        // kept at all (it may hold a customer's id in a segment nothing names)
        String[] segments = request.getUriInfo().getPath().split("/", -1);
        for (var parameter : parameters.entrySet()) {
            String value = parameter.getValue().isEmpty() ? "" : parameter.getValue().get(0);
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].equals(value)) {
                    segments[i] = "{" + parameter.getKey() + "}";
                }
            }
            if (parameter.getKey().equals("customerId")) {
                customerId = value;
            } else {
                target.add(parameter.getKey() + "=" + value);
            }
        }
        String resource = matched == null || matched.getResourceClass() == null ? UNMATCHED : String.join("/", segments);
        List<String> customers = new ArrayList<>();
        if (customerId != null) {
            customers.add(customerId);
        } else {
            customers.addAll(subject.customerIds());
        }
        if (customers.isEmpty()) {
            customers.add(null);
        }
        Set<String> roles = new TreeSet<>(identity.getRoles());
        roles.retainAll(ROLES);
        OffsetDateTime at = OffsetDateTime.now(clock);
        return customers.stream().map(customer -> new AccessLog.Entry(at, identity.getPrincipal().getName(),
                String.join(",", roles), request.getMethod(), resource, target.isEmpty() ? null : String.join("&", target),
                customer == null ? null : pseudonyms.of(customer), response.getStatus(), requestId)).toList();
    }

    private static String requestId(ContainerRequestContext request) {
        String sent = request.getHeaderString(REQUEST_ID_HEADER);
        return sent != null && REQUEST_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    }
}
