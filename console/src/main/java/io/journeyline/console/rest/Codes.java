package io.journeyline.console.rest;

import io.quarkus.qute.TemplateGlobal;

import java.util.List;

/** The contract's enumerations the filters offer (ARCHITECTURE.md, DOMAIN.md), as every template sees them. */
@TemplateGlobal
public final class Codes {
    static final List<String> painPointStatuses = List.of("OPEN", "ACKNOWLEDGED", "RESOLVED", "DISMISSED");
    static final List<String> severities = List.of("LOW", "NORMAL", "HIGH", "CRITICAL");
    static final List<String> priorities = List.of("LOW", "NORMAL", "HIGH", "CRITICAL");
    static final List<String> caseStatuses = List.of("RECEIVED", "ACKNOWLEDGED", "IN_PROGRESS", "ESCALATED",
            "REOPENED", "RESOLVED", "FOLLOW_UP", "CLOSED");
    static final List<String> callbackOutcomes = List.of("RECOVERED", "NOT_RECOVERED");

    private Codes() {
    }
}
