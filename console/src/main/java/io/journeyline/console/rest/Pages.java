package io.journeyline.console.rest;

import io.journeyline.console.config.ConsoleConfig;
import io.journeyline.console.domain.Labels;
import io.journeyline.console.service.Viewer;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * What every page gets beside its own data: the labels of the reader's language ({@code t}), who is signed in
 * ({@code viewer}), the language ({@code lang}), the page's own path ({@code here}, for the language switch) and how
 * often its live parts refresh ({@code refreshSeconds}).
 */
@RequestScoped
public class Pages {
    /** The cookie that keeps the language the reader picked. */
    static final String LANGUAGE_COOKIE = "console-lang";

    @Inject
    HttpServerRequest request;
    @Inject
    Viewer viewer;
    @Inject
    ConsoleConfig config;

    /** The reader's language: the one they picked, else the first of en/zh their browser prefers, else English. */
    public String language() {
        Cookie picked = request.getCookie(LANGUAGE_COOKIE);
        if (picked != null && Labels.LANGUAGES.contains(picked.getValue())) {
            return picked.getValue();
        }
        String accept = request.getHeader("Accept-Language");
        if (accept != null) {
            for (String part : accept.split(",")) {
                String tag = part.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
                if (tag.startsWith("zh")) {
                    return "zh";
                }
                if (tag.startsWith("en")) {
                    return "en";
                }
            }
        }
        return "en";
    }

    public Labels labels() {
        return Labels.of(language());
    }

    /** Whether {@code path} is a page of this site to go back to (not another host's: no open redirect). */
    static boolean local(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.contains("\\")
                && path.chars().noneMatch(c -> c < 0x21 || c == 0x7f);
    }

    /** {@code template} with the common data; the page adds its own. */
    public TemplateInstance page(Template template) {
        String here = request.uri();
        return template.data("t", labels()).data("viewer", viewer).data("lang", language())
                .data("here", here).data("refreshSeconds", config.refreshInterval().toSeconds());
    }
}
