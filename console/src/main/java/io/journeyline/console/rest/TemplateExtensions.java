package io.journeyline.console.rest;

import io.journeyline.console.domain.Masking;
import io.journeyline.console.service.Api;
import io.quarkus.qute.TemplateExtension;

/** Small helpers the templates call on values: {@code {customerId.masked}}, {@code {id.path}}. */
@TemplateExtension
public final class TemplateExtensions {
    private static final com.fasterxml.jackson.databind.ObjectWriter PRETTY =
            new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter();

    private TemplateExtensions() {
    }

    /** A customer id or identifier masked (a worklist does not need it whole). */
    static String masked(String value) {
        return Masking.mask(value);
    }

    /** A value as one URL path segment. */
    static String path(String value) {
        return value == null ? "" : Api.segment(value);
    }

    /** Whether a timeline entry's source is journey-service itself (its own entries: pain points, decisions …). */
    static boolean journeyOwn(String source) {
        return source != null && source.startsWith("/journeyline/journey-service");
    }

    /** A JSON value (maps, lists) printed as indented JSON, for the event view. */
    static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
