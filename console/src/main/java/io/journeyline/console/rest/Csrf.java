package io.journeyline.console.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Protection against cross-site request forgery on every state change, two ways (OWASP's "double submit cookie" and
 * "verifying origin"): every form carries a random token that must equal the HttpOnly, SameSite=Strict cookie of the
 * same name ({@code {inject:csrf.token}} in the form, {@link #verify} in the resource); and a POST whose browser says
 * it comes from another site ({@code Sec-Fetch-Site}, else {@code Origin}) is refused before anything runs.
 * (quarkus-rest-csrf, which does the first, is not served for 3.37.2.)
 */
@Named("csrf")
@RequestScoped
public class Csrf {
    static final String COOKIE = "console-csrf";
    static final String FIELD = "csrf-token";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    HttpServerRequest request;

    private String token;
    private boolean issued;

    public String getParameterName() {
        return FIELD;
    }

    /** This browser's token: the one its cookie holds, or a new one the response sets. */
    public String getToken() {
        if (token == null) {
            io.vertx.core.http.Cookie cookie = request.getCookie(COOKIE);
            if (cookie != null && TOKEN.matcher(cookie.getValue()).matches()) {
                token = cookie.getValue();
            } else {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                issued = true;
            }
        }
        return token;
    }

    /** Refuses (403) a form whose token is missing or differs from the cookie's. */
    public void verify(String submitted) {
        io.vertx.core.http.Cookie cookie = request.getCookie(COOKIE);
        if (submitted == null || cookie == null || !TOKEN.matcher(cookie.getValue()).matches()
                || !MessageDigest.isEqual(submitted.getBytes(StandardCharsets.US_ASCII),
                cookie.getValue().getBytes(StandardCharsets.US_ASCII))) {
            throw new ForbiddenException("the form's CSRF token does not match this browser's");
        }
    }

    /** A state change a browser marks as cross-site is refused before the resource runs; pages get their token. */
    @ServerRequestFilter
    public void beforePage(ContainerRequestContext context) {
        if (SAFE.contains(context.getMethod())) {
            getToken();
            return;
        }
        String fetchSite = context.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            throw new ForbiddenException("a cross-site request may not change anything");
        }
        String origin = context.getHeaderString("Origin");
        if (fetchSite == null && origin != null && !origin.equals(ownOrigin())) {
            throw new ForbiddenException("a request from " + origin + " may not change anything");
        }
    }

    @ServerResponseFilter
    public void afterPage(ContainerResponseContext context) {
        if (issued) {
            context.getHeaders().add(HttpHeaders.SET_COOKIE, COOKIE + "=" + token
                    + "; Path=/; HttpOnly; SameSite=Strict" + (secure() ? "; Secure" : ""));
        }
    }

    private boolean secure() {
        return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    private String ownOrigin() {
        return (secure() ? "https" : "http") + "://" + request.authority();
    }
}
