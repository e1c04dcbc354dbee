package io.journeyline.platform;

import io.journeyline.contract.EventSchemas;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Beans for the contract's schemas and the clock; loaded once per service. */
public class PlatformBeans {

    @Produces
    @Singleton
    EventSchemas eventSchemas() {
        return EventSchemas.load();
    }

    /** The wall clock; tests replace it with an alternative bean to move time without sleeping. */
    @Produces
    @Singleton
    @io.quarkus.arc.DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
