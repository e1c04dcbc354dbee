package io.journeyline.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This service's part of a customer's subject-access export: its own tables ({@link PersonalData#export}), the copy of
 * their consent, the access log's rows about them (who read or changed their data here) and, if they were erased, the
 * tombstone.
 */
@ApplicationScoped
public class PersonalDataExport {
    private static final ExportStatements PLATFORM = ExportStatements.of(
            ExportStatements.Query.of("platform_consents",
                    "select purpose, channel, granted, updated_at from platform_consents where customer_id = ?1"));
    private static final ExportStatements BY_HMAC = ExportStatements.of(
            ExportStatements.Query.of("access_log", """
                    select at, actor, roles, method, resource, target, status, request_id from platform_access_log
                    where customer_hmac = ?1 order by seq"""),
            ExportStatements.Query.of("erasures",
                    "select erasure_id, erased_before from platform_erasures where customer_hmac = ?1"));

    private final PersonalData personalData;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final String service;

    public PersonalDataExport(PersonalData personalData, Pseudonyms pseudonyms, Clock clock,
                              @ConfigProperty(name = "quarkus.application.name") String service) {
        this.personalData = personalData;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.service = service;
    }

    /** One service's part of a customer's export. */
    public record Part(String service, String customerId, OffsetDateTime generatedAt, Map<String, JsonNode> data) {
    }

    public Uni<Part> of(String customerId) {
        Map<String, JsonNode> data = new LinkedHashMap<>();
        return personalData.export(customerId).invoke(data::putAll)
                .chain(() -> PLATFORM.run(customerId)).invoke(data::putAll)
                .chain(() -> BY_HMAC.run(pseudonyms.of(customerId))).invoke(data::putAll)
                .map(ignored -> new Part(service, customerId, OffsetDateTime.now(clock), data));
    }
}
