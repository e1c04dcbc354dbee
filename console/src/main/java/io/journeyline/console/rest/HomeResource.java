package io.journeyline.console.rest;

import io.journeyline.console.domain.Labels;
import io.journeyline.console.service.Viewer;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The front page (each role starts where its work is), the language switch and the page after signing out. */
@Path("/")
public class HomeResource {
    @Inject
    Viewer viewer;
    @Inject
    Pages pages;
    @Inject
    Template home;
    @Inject
    Template signedOut;

    /** An agent starts at Customer 360, a supervisor at the dashboards, an admin at the rules, privacy at erasures. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Object start() {
        for (String[] start : new String[][]{{"customers", "/customers"}, {"dashboards", "/dashboards"},
                {"rules", "/admin/rules"}, {"privacy", "/admin/erasures"}}) {
            if (viewer.may(start[0])) {
                return Response.seeOther(URI.create(start[1])).build();
            }
        }
        return pages.page(home);
    }

    /** Keeps the reader's language in a cookie and goes back to the page they were on (only a page of this site). */
    @GET
    @Path("language/{language}")
    public Response language(@PathParam("language") String language, @QueryParam("back") String back) {
        String target = Pages.local(back) ? back : "/";
        String picked = Labels.LANGUAGES.contains(language) ? language : "en";
        return Response.seeOther(URI.create(target)).cookie(new NewCookie.Builder(Pages.LANGUAGE_COOKIE).value(picked)
                .path("/").maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).httpOnly(true).build()).build();
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance signedOut() {
        return signedOut.data("t", Labels.of("en")).data("zh", Labels.of("zh"));
    }
}
