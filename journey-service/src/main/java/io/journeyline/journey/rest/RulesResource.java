package io.journeyline.journey.rest;

import io.journeyline.journey.domain.rules.RuleProblem;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.service.RuleSetService;
import io.journeyline.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The pain-point rule set (admin): {@code GET} the active one, {@code PUT} a replacement (YAML or JSON; a new
 * version, effective at every replica's next batch), {@code POST /validate} to check one without activating it.
 */
@Path("/api/v1/rules")
@Tag(name = "rules")
@RolesAllowed(Roles.ADMIN)
public class RulesResource {
    private final RuleSetService rules;
    private final SecurityIdentity identity;

    public RulesResource(RuleSetService rules, SecurityIdentity identity) {
        this.rules = rules;
        this.identity = identity;
    }

    /** The active rule set: version, the document as saved, and a summary of its rules. */
    /** @param backtest the backtest recorded with this version's activation, if any */
    public record ActiveRuleSet(int version, String backtest, List<RuleSummary> rules, String document) {
    }

    public record RuleSummary(String id, int version, String status, String severity, String description,
                              String action) {
    }

    /** @param backtest the backtest the admin looked at before activating, if named */
    public record Saved(int version, String backtest) {
    }

    public record Validation(boolean valid, List<RuleProblem> problems) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The active rule set")
    public Uni<ActiveRuleSet> get() {
        return rules.current().map(active -> new ActiveRuleSet(active.version(), active.backtest(),
                active.ruleSet().document().rules().stream().map(RulesResource::summary).toList(), active.document()));
    }

    @PUT
    @Consumes({"application/yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the rule set: a new version, or 400 naming every problem (the active set stays)",
            description = "?backtest=<id> records the backtest the admin looked at before activating, kept with the"
                    + " version (400 when there is no such backtest)")
    public Uni<Saved> put(String document, @QueryParam("backtest") String backtest) {
        return rules.replace(document == null ? "" : document, identity.getPrincipal().getName(), backtest)
                .map(version -> new Saved(version, backtest));
    }

    @POST
    @Path("/validate")
    @Consumes({"application/yaml", "text/yaml", MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a rule set, its rules' own tests included, without activating it")
    public Uni<Validation> validate(String document) {
        return rules.check(document == null ? "" : document)
                .map(problems -> new Validation(problems.isEmpty(), problems));
    }

    private static RuleSummary summary(Rule rule) {
        return new RuleSummary(rule.id(), rule.version(), rule.status().name(), rule.severity().name(),
                rule.description(), rule.action().type().name());
    }
}
