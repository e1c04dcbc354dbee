package io.journeyline.platform.tracing;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Trace export ({@code journeyline.tracing.*}). Context propagation is always on; exporting only when configured. */
@ConfigMapping(prefix = "journeyline.tracing")
public interface TracingConfig {
    /** OTLP/HTTP traces endpoint, e.g. {@code http://otel-collector:4318/v1/traces}; absent: spans are not exported. */
    Optional<String> otlpEndpoint();
}
