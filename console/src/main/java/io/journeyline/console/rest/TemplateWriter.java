package io.journeyline.console.rest;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Writes a page (a Qute {@link TemplateInstance}) as UTF-8 HTML. Rendering is pure: every value a template reads was
 * fetched before. (quarkus-rest-qute, which does this, is not served for 3.37.2.)
 */
@Provider
@Produces(MediaType.TEXT_HTML)
public class TemplateWriter implements MessageBodyWriter<TemplateInstance> {
    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return TemplateInstance.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(TemplateInstance page, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws IOException {
        headers.putSingle("Content-Type", "text/html;charset=UTF-8");
        out.write(page.render().getBytes(StandardCharsets.UTF_8));
    }
}
