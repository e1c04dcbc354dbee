package io.journeyline.platform.security;

/** The JWT roles ({@code groups} claim) of the contract. Missing or bad token: 401; wrong role: 403. */
public final class Roles {
    /** Systems that send events. */
    public static final String INGEST = "ingest";
    /** Support agents: read customers, work cases. */
    public static final String AGENT = "agent";
    /** Agent rights plus reassign, escalate, analytics. Endpoints open to agents list both roles. */
    public static final String SUPERVISOR = "supervisor";
    /** Rules, surveys, content, configuration. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
