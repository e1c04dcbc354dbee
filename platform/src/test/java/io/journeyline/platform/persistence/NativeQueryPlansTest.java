package io.journeyline.platform.persistence;

import io.journeyline.testing.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.hibernate.metamodel.model.domain.internal.MappingMetamodelImpl;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Native queries run many times leave no pile of query plans behind. With Hibernate's plan cache on (its default),
 * each run of a native select added one more entry under the same hash, and every later run compared itself with all
 * of them (4 % of journey-service's CPU under load); the platform turns the cache off
 * ({@code hibernate.query.plan_cache_enabled}), and the queries answer as before.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class NativeQueryPlansTest {
    private static final int RUNS = 30;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void nativeSelectsRunManyTimesAnswerAndLeaveNoPlansBehind() throws Throwable {
        for (int i = 0; i < RUNS; i++) {
            String value = "v" + i;
            List<String> values = run(session -> session.createNativeQuery("select cast(?1 as text)", String.class)
                    .setParameter(1, value).getResultList());
            List<Object[]> rows = run(session -> session.createNativeQuery("select cast(?1 as text), 1", Object[].class)
                    .setParameter(1, value).getResultList());
            assertThat(values).containsExactly(value);
            assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsExactly(value, 1));
        }
        // with Hibernate's cache on, each run of each text added a plan (≥ 2 × RUNS)
        assertThat(cachedPlans()).isZero();
    }

    private <T> T run(Function<Mutiny.Session, Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> work.apply(session))));
    }

    /** How many query plans Hibernate holds in its cache. */
    private int cachedPlans() {
        return ((MappingMetamodelImpl) sessions.getMetamodel()).getTypeConfiguration().getSessionFactory().getQueryEngine()
                .getInterpretationCache().getNumberOfCachedQueryPlans();
    }
}
