package io.journeyline.platform.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The access log ({@link AccessLog}). */
@ConfigMapping(prefix = "journeyline.audit")
public interface AuditConfig {
    /**
     * How long an access-log row is kept: two years, long enough to answer a customer's or a regulator's question about
     * who looked at a record (GDPR art. 15's "recipients", a complaint's investigation), short enough to stay bounded.
     */
    @WithDefault("P730D")
    Duration retention();

    /** Rows one insert writes at most; requests waiting meanwhile are written by the next insert. */
    @WithDefault("500")
    int batchSize();
}
