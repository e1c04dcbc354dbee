package io.journeyline.testing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call one operation, as ARCHITECTURE.md's "Security" section says — written here, outside the services'
 * code, so that {@link AccessMatrix} compares the code with the contract rather than with itself. The constants are
 * the contract's role rules; a service's table names one per operation, and where a service documents a wider
 * audience (its README's endpoint table) it says so with {@link #and}, naming why.
 */
public record Access(Set<String> roles, String rule) {
    /** The contract's roles, each of which the matrix tries on every operation. */
    public static final List<String> ROLES = List.of("ingest", "agent", "supervisor", "admin", "privacy");

    /** No token needed: the survey answer link, whose single-use token is the credential. */
    public static final Access PUBLIC = new Access(Set.of(), "public: the response-by-token path needs no login");
    /** {@code ingest}: systems that send events and report progress. */
    public static final Access INGEST = of("ingest: POST events, report progress", "ingest");
    /** {@code agent} reads customers and works cases; {@code supervisor} has every agent right. */
    public static final Access AGENT = of("agent: read customers, work cases (supervisor: agent +)", "agent", "supervisor");
    /** What only a supervisor does beyond an agent: reassign, escalate, analytics. */
    public static final Access SUPERVISOR = of("supervisor: reassign, escalate, analytics", "supervisor");
    /** {@code admin}: rules, surveys, content, configuration, dead letters. */
    public static final Access ADMIN = of("admin: rules, surveys, content, configuration, dead letters", "admin");
    /** {@code privacy}: erasure, subject export, audit. */
    public static final Access PRIVACY = of("privacy: erasure, subject export, audit", "privacy");

    public Access {
        roles = Set.copyOf(roles);
        if (!ROLES.containsAll(roles)) {
            throw new IllegalArgumentException("not a role of the contract: " + roles);
        }
    }

    /** The roles given, for the reason given. */
    public static Access of(String rule, String... roles) {
        return new Access(Set.of(roles), rule);
    }

    /** This rule's roles and {@code other}'s, for the reason given (a documented widening, say which document). */
    public Access and(Access other, String why) {
        Set<String> union = new LinkedHashSet<>(roles);
        union.addAll(other.roles);
        return new Access(union, rule + " + " + other.rule + " (" + why + ")");
    }

    /** This rule's roles and {@code more}, for the reason given. */
    public Access and(String why, String... more) {
        return and(new Access(Set.of(more), String.join(", ", more)), why);
    }

    /** Whether a caller needs no token at all. */
    public boolean isPublic() {
        return roles.isEmpty();
    }

    /** The contract's roles this rule refuses (403). */
    public List<String> refused() {
        return ROLES.stream().filter(role -> !roles.contains(role)).toList();
    }

    /** The allowed roles in the contract's order. */
    public List<String> allowed() {
        return ROLES.stream().filter(roles::contains).toList();
    }

    @Override
    public String toString() {
        return isPublic() ? "public" : String.join(", ", allowed()) + " [" + rule + "]";
    }
}
