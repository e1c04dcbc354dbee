package io.journeyline.console.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What each of the contract's roles may do (ARCHITECTURE.md, "Security"), by the actions the pages offer. The console
 * only decides what to offer; every service checks the token again, and refuses what a role may not do.
 */
public final class Roles {
    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    public static final String PRIVACY = "privacy";

    /** Action → the roles that may take it. */
    private static final Map<String, List<String>> MAY = Map.ofEntries(
            Map.entry("customers", List.of(AGENT, SUPERVISOR)),
            Map.entry("pain-points", List.of(AGENT, SUPERVISOR)),
            Map.entry("cases", List.of(AGENT, SUPERVISOR)),
            Map.entry("cases.escalate", List.of(SUPERVISOR)),
            Map.entry("dashboards", List.of(SUPERVISOR, ADMIN)),
            Map.entry("case-analytics", List.of(SUPERVISOR)),
            Map.entry("rules", List.of(ADMIN)),
            Map.entry("surveys", List.of(ADMIN)),
            Map.entry("contents", List.of(ADMIN)),
            Map.entry("dead-letters", List.of(ADMIN)),
            Map.entry("privacy", List.of(PRIVACY)));

    private Roles() {
    }

    /** Whether someone holding {@code roles} may take {@code action}; unknown actions are refused. */
    public static boolean may(Collection<String> roles, String action) {
        return MAY.getOrDefault(action, List.of()).stream().anyMatch(roles::contains);
    }
}
