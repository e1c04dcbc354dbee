package io.journeyline.testing;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 401/403 matrix of one service, generated from the OpenAPI document the running service serves (management
 * port, {@code /q/openapi}): every operation in it (path and method, path parameters filled with syntactically
 * valid dummies, {@code {}} as the body where it takes one) is called with no token (401, or through for a public
 * one), with a token of each contract role its row does not allow (403), and with each role it allows (neither 401
 * nor 403, and no server error). Who is allowed comes from the service's table ({@link #table()}, rules from
 * ARCHITECTURE.md in {@link Access}), never from the code under test; an operation without a row, or a row without
 * an operation, fails. A protected operation also refuses (401) a token that expired, one signed by another key, one
 * of another issuer and one for another audience.
 * <p>
 * A service's test is a {@code @QuarkusTest} subclass naming its table, and nothing else.
 */
public abstract class AccessMatrix {
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final RestAssuredConfig AS_SENT = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    /** One operation ({@code "GET /api/v1/customers/{customerId}/timeline"}) and who may call it. */
    public record Row(String operation, Access access) {
    }

    /** An operation as the OpenAPI document describes it. */
    record Operation(String method, String path, Map<String, Object> spec, List<Map<String, Object>> pathParameters) {
        String key() {
            return method + " " + path;
        }
    }

    /** A row of the table. */
    protected static Row row(String operation, Access access) {
        return new Row(operation, access);
    }

    /** Every operation of the service and who may call it: the service's reading of ARCHITECTURE.md. */
    protected abstract List<Row> table();

    /**
     * The rows of the platform's operations, which every service serves (ARCHITECTURE.md: audit and subject data
     * are {@code privacy}'s, dead letters {@code admin}'s; platform/README.md: parked outbox rows are shown to admins).
     */
    protected static List<Row> platformRows() {
        return List.of(
                row("GET /api/v1/audit", Access.PRIVACY),
                row("GET /api/v1/privacy/customers/{customerId}/data", Access.PRIVACY),
                row("GET /api/v1/dead-letters", Access.ADMIN),
                row("POST /api/v1/dead-letters/replay", Access.ADMIN),
                row("GET /api/v1/dead-letters/replays/{id}", Access.ADMIN),
                row("GET /api/v1/outbox/parked", Access.ADMIN),
                row("POST /api/v1/outbox/parked/{id}/retry", Access.ADMIN),
                row("DELETE /api/v1/outbox/parked/{id}", Access.ADMIN));
    }

    /** The service's own rows followed by {@link #platformRows()}. */
    protected static List<Row> withPlatformRows(Row... own) {
        List<Row> rows = new ArrayList<>(List.of(own));
        rows.addAll(platformRows());
        return rows;
    }

    @Test
    void everyOperationOfTheApiHasARowAndEveryRowAnOperation() {
        Map<String, Access> table = tableByOperation();
        Set<String> documented = new TreeSet<>(operations().keySet());
        assertThat(documented).as("operations in the OpenAPI document without a row in the table")
                .isSubsetOf(table.keySet());
        assertThat(table.keySet()).as("rows of the table without an operation in the OpenAPI document")
                .isSubsetOf(documented);
    }

    @Test
    void eachOperationLetsInOnlyTheRolesItsRowAllows() {
        Map<String, Access> table = tableByOperation();
        List<String> wrong = new ArrayList<>();
        operations().forEach((key, operation) -> {
            Access access = table.get(key);
            if (access == null) {
                return; // everyOperationOfTheApiHasARowAndEveryRowAnOperation names it
            }
            int anonymous = call(operation, null);
            if (access.isPublic()) {
                expectThrough(wrong, key, "without a token", anonymous);
                return;
            }
            expect(wrong, key, "without a token", anonymous, 401);
            for (String role : access.refused()) {
                expect(wrong, key, "as " + role, call(operation, TestTokens.withRoles(role)), 403);
            }
            for (String role : access.allowed()) {
                expectThrough(wrong, key, "as " + role, call(operation, TestTokens.withRoles(role)));
            }
        });
        assertThat(wrong).as("answers that contradict the table").isEmpty();
    }

    @Test
    void theOpenApiDocumentDeclaresTheRolesOfTheTable() {
        Map<String, Access> table = tableByOperation();
        List<String> wrong = new ArrayList<>();
        operations().forEach((key, operation) -> {
            Access access = table.get(key);
            if (access != null && !declaredRoles(operation).equals(access.roles())) {
                wrong.add(key + ": the document declares " + declaredRoles(operation) + ", the table " + access);
            }
        });
        assertThat(wrong).as("security requirements a client reading the document would get wrong").isEmpty();
    }

    @Test
    void aProtectedOperationRefusesTokensNotIssuedForThisDeployment() {
        Map<String, Operation> operations = operations();
        Row probe = table().stream()
                .filter(row -> !row.access().isPublic() && row.operation().startsWith("GET ")
                        && operations.containsKey(row.operation()))
                .findFirst().orElseThrow(() -> new AssertionError("the table has no protected GET operation"));
        Operation operation = operations.get(probe.operation());
        String role = probe.access().allowed().get(0);
        Instant now = Instant.now();
        Map<String, Supplier<String>> tokens = new LinkedHashMap<>();
        tokens.put("expired an hour ago", () -> TestTokens.claims(role)
                .issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minus(Duration.ofHours(1))).sign());
        tokens.put("signed by another key", () -> TestTokens.claims(role).sign(foreignKey()));
        tokens.put("of another issuer", () -> TestTokens.claims(role).issuer("https://another.journeyline.invalid").sign());
        tokens.put("for another audience", () -> TestTokens.claims(role).audience("another-system").sign());
        tokens.put("not a JWT", () -> "not-a-token");

        List<String> wrong = new ArrayList<>();
        expectThrough(wrong, probe.operation(), "with a good " + role + " token", call(operation, TestTokens.withRoles(role)));
        tokens.forEach((what, token) ->
                expect(wrong, probe.operation(), "as " + role + " with a token " + what, call(operation, token.get()), 401));
        assertThat(wrong).as("answers to tokens this deployment did not issue").isEmpty();
    }

    private Map<String, Access> tableByOperation() {
        Map<String, Access> table = new LinkedHashMap<>();
        for (Row row : table()) {
            assertThat(table.put(row.operation(), row.access())).as("a second row for " + row.operation()).isNull();
        }
        return table;
    }

    /** The operations of the document the running service serves, by {@code "METHOD /path"}. */
    @SuppressWarnings("unchecked")
    static Map<String, Operation> operations() {
        Map<String, Map<String, Object>> paths = Management.given().accept("application/json")
                .get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        Map<String, Operation> operations = new LinkedHashMap<>();
        paths.forEach((path, item) -> {
            List<Map<String, Object>> shared = (List<Map<String, Object>>) item.getOrDefault("parameters", List.of());
            item.forEach((method, spec) -> {
                if (METHODS.contains(method)) {
                    Operation operation = new Operation(method.toUpperCase(), path, (Map<String, Object>) spec, shared);
                    operations.put(operation.key(), operation);
                }
            });
        });
        assertThat(operations).as("operations in the OpenAPI document").isNotEmpty();
        return operations;
    }

    /** The roles the document's security requirements name for an operation (none for a public one). */
    @SuppressWarnings("unchecked")
    static Set<String> declaredRoles(Operation operation) {
        Set<String> roles = new TreeSet<>();
        for (Map<String, List<String>> requirement :
                (List<Map<String, List<String>>>) operation.spec().getOrDefault("security", List.of())) {
            requirement.values().forEach(roles::addAll);
        }
        return roles;
    }

    /** Calls the operation with dummy path parameters and a minimal body; the status. */
    @SuppressWarnings("unchecked")
    static int call(Operation operation, String token) {
        RequestSpecification request = RestAssured.given().config(AS_SENT).redirects().follow(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        Map<String, Object> body = (Map<String, Object>) operation.spec().get("requestBody");
        if (body != null) {
            Map<String, Object> content = (Map<String, Object>) body.getOrDefault("content", Map.of());
            String type = content.isEmpty() ? "application/json" : content.keySet().iterator().next();
            request.header("Content-Type", type).body("{}".getBytes(StandardCharsets.UTF_8));
        }
        return request.request(operation.method(), fill(operation)).statusCode();
    }

    /** The path with each parameter a value its schema accepts: a number for an integer, a plain id otherwise. */
    @SuppressWarnings("unchecked")
    static String fill(Operation operation) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Map<String, Object>> parameters = new ArrayList<>(operation.pathParameters());
        parameters.addAll((List<Map<String, Object>>) operation.spec().getOrDefault("parameters", List.of()));
        for (Map<String, Object> parameter : parameters) {
            if ("path".equals(parameter.get("in"))) {
                Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
                types.put((String) parameter.get("name"), String.valueOf(schema.get("type")));
            }
        }
        Matcher matcher = TEMPLATE.matcher(operation.path());
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String type = types.getOrDefault(matcher.group(1), "string");
            matcher.appendReplacement(filled, type.equals("integer") || type.equals("number") ? "7" : "matrix-0001");
        }
        return matcher.appendTail(filled).toString();
    }

    private static void expect(List<String> wrong, String operation, String as, int status, int expected) {
        if (status != expected) {
            wrong.add(operation + " " + as + ": " + status + ", expected " + expected);
        }
    }

    private static void expectThrough(List<String> wrong, String operation, String as, int status) {
        if (status == 401 || status == 403 || status >= 500) {
            wrong.add(operation + " " + as + ": " + status + ", expected to pass the access check (not 401/403/5xx)");
        }
    }

    private static PrivateKey foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
