package io.journeyline.platform.security;

/** The JWT roles ({@code groups} claim) of the contract. Missing or bad token: 401; wrong role: 403. */
public final class Roles {
    /** Systems that send events. */
    public static final String INGEST = "ingest";
    /**
     * Support agents: read customers, work cases — unassigned ones and their own: they take an unassigned case
     * themselves and call back the cases assigned to them (feedback-service's {@code CaseRights}).
     */
    public static final String AGENT = "agent";
    /**
     * Agent rights plus reassign (assign a case to someone else, or to another team), work and call back anyone's
     * case, escalate, analytics. Endpoints open to agents list both roles.
     */
    public static final String SUPERVISOR = "supervisor";
    /** Rules, surveys, content, configuration. */
    public static final String ADMIN = "admin";
    /** Privacy officers: erase a customer, export what is held about one, read the access log. */
    public static final String PRIVACY = "privacy";

    private Roles() {
    }
}
