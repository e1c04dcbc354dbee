package io.journeyline.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Traces that follow an event across services: the W3C {@code traceparent} travels as the CloudEvents extension
 * attribute of the same name (ingest adds it when a producer sent none; the outbox writes it as
 * {@code ce_traceparent}; consumers and derived events continue it). Spans are made with the OpenTelemetry SDK and
 * exported over OTLP only when {@code journeyline.tracing.otlp-endpoint} is set; any {@link SpanExporter} bean (a
 * test's in-memory exporter) receives them too.
 */
@ApplicationScoped
public class Tracing {
    /** Span attribute: the CloudEvents id of the event a span is about. */
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");
    /** Span attribute: the CloudEvents type of the event a span is about. */
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");

    private static final Logger LOG = Logger.getLogger(Tracing.class);
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    public Tracing(TracingConfig config, @ConfigProperty(name = "quarkus.application.name") String service,
                   Instance<SpanExporter> exporters) {
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), service))));
        config.otlpEndpoint().ifPresent(endpoint -> {
            LOG.infof("exporting traces to %s", endpoint);
            builder.addSpanProcessor(BatchSpanProcessor.builder(
                    OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build()).build());
        });
        exporters.forEach(exporter -> builder.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
        // With nowhere to export, spans are not recorded: they still get ids, so trace context propagates, at the
        // cost of an id rather than of a recorded span on every consumed event.
        boolean exporting = config.otlpEndpoint().isPresent() || !exporters.isUnsatisfied();
        builder.setSampler(exporting ? Sampler.alwaysOn() : Sampler.alwaysOff());
        this.provider = builder.build();
        this.tracer = provider.get("io.journeyline.platform");
    }

    /**
     * Starts a span whose parent is the W3C {@code traceparent} given (a new trace when it is null or not a valid
     * traceparent). End it with {@link Span#end()}.
     */
    public Span start(String name, SpanKind kind, String parentTraceparent) {
        Context parent = parentTraceparent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(),
                Map.of("traceparent", parentTraceparent), GETTER);
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
    }

    /** Ends spans, marking them failed when {@code failure} is not null. */
    public static void end(List<Span> spans, Throwable failure) {
        for (Span span : spans) {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            }
            span.end();
        }
    }

    /** The span's context as a W3C {@code traceparent} value: {@code 00-<trace id>-<span id>-<flags>}. */
    public static String traceparent(Span span) {
        SpanContext context = span.getSpanContext();
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    void shutdown(@Observes ShutdownEvent event) {
        provider.shutdown();
    }
}
