package io.journeyline.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * A service's {@link PersonalData} written as SQL: its erasure statements and its export queries, run as given. Each
 * service's one implementation extends it and names only its own tables, so how an erasure and an export are run
 * stays in one place:
 * <pre>{@code
 * @ApplicationScoped
 * public class SurveyPersonalData extends SqlPersonalData {
 *     public SurveyPersonalData() {
 *         super(ErasureStatements.of(...), ExportStatements.of(...));
 *     }
 * }
 * }</pre>
 */
public abstract class SqlPersonalData implements PersonalData {
    private final ErasureStatements erasure;
    private final ExportStatements export;

    protected SqlPersonalData(ErasureStatements erasure, ExportStatements export) {
        this.erasure = erasure;
        this.export = export;
    }

    @Override
    public Uni<Map<String, Long>> erase(Erasure erasure) {
        return this.erasure.run(erasure);
    }

    @Override
    public Uni<Map<String, JsonNode>> export(String customerId) {
        return export.run(customerId);
    }
}
