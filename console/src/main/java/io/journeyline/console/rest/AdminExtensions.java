package io.journeyline.console.rest;

import io.journeyline.console.domain.AdminForms;
import io.quarkus.qute.TemplateExtension;

/** Helpers the admin templates call on values. */
@TemplateExtension
public final class AdminExtensions {
    private AdminExtensions() {
    }

    /** A backtest's cannotKnow entry's stable name ({@code hold-out}), or null. */
    static String cannotKnowName(String entry) {
        return AdminForms.cannotKnowName(entry);
    }

    /** A JSON value printed as indented JSON without its null members (a replay job's request, say). */
    static String compact(Object value) {
        return TemplateExtensions.pretty(AdminForms.withoutNulls(value));
    }
}
