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

    /** A share of a whole as a whole percentage (0 when the whole is unknown), for a progress bar's text. */
    static long percentOf(Object part, Object whole) {
        if (!(part instanceof Number p) || !(whole instanceof Number w) || w.doubleValue() <= 0) {
            return 0;
        }
        return Math.min(100, Math.round(100 * p.doubleValue() / w.doubleValue()));
    }
}
