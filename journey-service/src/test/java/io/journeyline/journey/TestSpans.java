package io.journeyline.journey;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Keeps every span the service makes in memory, so a test can follow a trace (the platform picks up any SpanExporter). */
public class TestSpans {
    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
