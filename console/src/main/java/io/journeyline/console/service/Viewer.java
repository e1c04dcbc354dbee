package io.journeyline.console.service;

import io.journeyline.console.domain.Roles;
import io.quarkus.oidc.IdToken;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Who is signed in (from the identity provider's ID token), with which roles, and what those roles may do. */
@RequestScoped
@TemplateData
public class Viewer {
    @Inject
    SecurityIdentity identity;
    @Inject
    @IdToken
    JsonWebToken idToken;

    /** The person's name as the provider gives it (name, preferred_username, or the subject). */
    public String name() {
        for (String claim : List.of("name", "preferred_username", "upn", "sub")) {
            Object value = idToken == null ? null : idToken.getClaim(claim);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return identity.getPrincipal().getName();
    }

    /** The contract's roles this person holds, sorted. */
    public Set<String> roles() {
        return new TreeSet<>(identity.getRoles());
    }

    public boolean may(String action) {
        return Roles.may(identity.getRoles(), action);
    }
}
