package io.journeyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.platform.config.DerivedSettings;
import io.journeyline.platform.retention.RetentionConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.journeyline.kubernetes.Manifests.container;
import static io.journeyline.kubernetes.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes without a cluster: every overlay renders (Debian's kubectl, whose kustomize is the oldest one the
 * manifests support), every object matches its schema (kubernetes-models: Kubernetes, Strimzi, CloudNativePG, KEDA,
 * Prometheus Operator), and the manifests agree with the code — the contract's topics, what each service consumes
 * and publishes, the configuration keys each service reads, journey-service's partitions and scaling, the database's
 * connections.
 */
class ManifestsTest {
    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final List<String> SERVICES = List.of("journey-service", "survey-service", "education-service", "feedback-service");
    /** What each service publishes, from ARCHITECTURE.md's table of services (not from the code under test). */
    static final Map<String, Set<String>> PUBLISHES = Map.of(
            "journey-service", Set.of(Topics.TOUCHPOINTS, Topics.INTERVENTIONS, Topics.INSIGHTS),
            "survey-service", Set.of(Topics.FEEDBACK, Topics.OUTBOUND),
            "education-service", Set.of(Topics.EDUCATION, Topics.OUTBOUND),
            "feedback-service", Set.of(Topics.FEEDBACK, Topics.OUTBOUND));
    /** Secrets an operator creates by hand before applying an overlay (deploy/kubernetes/README.md says how). */
    static final Map<String, Set<String>> SECRETS_BY_HAND = Map.of(
            "dev", Set.of(),
            "prod", Set.of("journeyline-jwt", "journeyline-privacy", "journey-db", "survey-db", "education-db", "feedback-db", "journeyline-tls"));

    static final Map<String, Manifests> rendered = new LinkedHashMap<>();
    static final Map<String, ServiceConfiguration> configurations = new LinkedHashMap<>();
    static String kubectl;

    @BeforeAll
    static void installToolsAndRenderEveryOverlay() {
        Manifests.Run tools = Manifests.run(Manifests.MODULE, "bash", "tools.sh");
        assertThat(tools.exitCode()).as("deploy/kubernetes/tools.sh:\n%s", tools.output()).isZero();
        kubectl = Manifests.TOOLS.resolve("kubectl").toString();
        OVERLAYS.forEach(overlay -> rendered.put(overlay, Manifests.render(kubectl, overlay)));
        SERVICES.forEach(service -> configurations.put(service, ServiceConfiguration.of(Manifests.ROOT, service)));
    }

    @Test
    void everyObjectOfEveryOverlayMatchesItsSchema() {
        for (Manifests manifests : rendered.values()) {
            Manifests.Run validation = validate(manifests.file());
            assertThat(validation.output()).as("overlays/%s", manifests.overlay())
                    .contains("validated " + manifests.objects().size() + " objects, 0 problems");
            assertThat(validation.exitCode()).isZero();
            assertThat(manifests.objects()).extracting(object -> object.path("kind").asText()).contains("Deployment",
                    "Service", "ConfigMap", "PodDisruptionBudget", "NetworkPolicy", "Kafka", "KafkaNodePool", "KafkaTopic",
                    "KafkaUser", "Cluster", "Database", "ScaledObject", "TriggerAuthentication");
        }
    }

    @Test
    void theValidationFailsOnBrokenManifestsAndNamesEachProblem() {
        Manifests.Run validation = validate(Manifests.MODULE.resolve("src/test/resources/broken/manifests.yaml"));

        assertThat(validation.exitCode()).isEqualTo(1);
        assertThat(validation.output()).contains(
                "Deployment/broken-replicas (apps/v1): data/spec/replicas must be integer",
                "data/spec/template/spec/containers/0 must have required property name",
                "KafkaTopic/broken.topic (kafka.strimzi.io/v1): data/spec/partitions must be integer",
                "KafkaUser/broken-user (kafka.strimzi.io/v1): data/spec/authorization/acls/0/operations/0 must be equal to one of the allowed values",
                "ScaledObject/broken-scaler (keda.sh/v1alpha1): data/spec must have required property triggers",
                "Cluster/broken-pg (postgresql.cnpg.io/v1): data/spec/instances must be integer",
                "KafkaTopik/broken.kind: no schema for kafka.strimzi.io/v1 KafkaTopik",
                "validated 6 objects, 6 problems");
    }

    @Test
    void anOverlayThatNamesAMissingFileDoesNotRender() {
        Path broken = Manifests.MODULE.resolve("src/test/resources/broken/overlay");
        Manifests.Run render = Manifests.renderTo(kubectl, broken, Manifests.MODULE.resolve("target/rendered/broken.yaml"));

        assertThat(render.exitCode()).isNotZero();
        assertThat(render.output()).contains("no-such-patch.yaml");
    }

    @Test
    void theTopicsAreTheContractsTopicsAndTheirDeadLetters() {
        for (Manifests manifests : rendered.values()) {
            List<JsonNode> topics = manifests.ofKind("KafkaTopic");
            assertThat(topics).extracting(topic -> topic.at("/spec/topicName").asText()).as("overlays/%s", manifests.overlay())
                    .containsExactlyInAnyOrderElementsOf(Topics.allWithDeadLetters());
            String cluster = name(manifests.ofKind("Kafka").get(0));
            assertThat(topics).allSatisfy(topic -> {
                assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
                assertThat(topic.at("/spec/partitions").asInt()).isPositive();
                assertThat(topic.at("/spec/config/retention.ms").asLong()).isPositive();
            });
        }
    }

    @Test
    void theDedupeWindowOutlastsEverythingThatCanStillBeDeliveredOrReplayed() {
        // "The same (source, id) twice changes nothing" holds while processed_events remembers the id: at least the
        // longest retention of a consumed topic or its dead letters, plus the replay horizon (a dead letter can be
        // replayed for as long as its topic keeps it).
        Duration dedupe = Duration.parse(RetentionConfig.DEFAULT_DEDUPE);
        for (Manifests manifests : rendered.values()) {
            Map<String, Duration> retention = manifests.ofKind("KafkaTopic").stream().collect(Collectors.toMap(
                    topic -> topic.at("/spec/topicName").asText(),
                    topic -> Duration.ofMillis(topic.at("/spec/config/retention.ms").asLong())));
            for (String service : SERVICES) {
                Set<String> consumed = consumedTopics(service);
                Duration longest = consumed.stream().flatMap(topic -> List.of(topic, topic + ".dlq").stream())
                        .map(retention::get).max(Duration::compareTo).orElseThrow();
                Duration replayHorizon = consumed.stream().map(topic -> retention.get(topic + ".dlq"))
                        .max(Duration::compareTo).orElseThrow();
                assertThat(longest.plus(replayHorizon)).as("overlays/%s, %s", manifests.overlay(), service)
                        .isLessThanOrEqualTo(dedupe);
            }
        }
    }

    @Test
    void eachServiceMayReadOnlyWhatItConsumesAndItsDeadLettersAndWriteOnlyWhatItPublishesAndItsDeadLetters() {
        for (Manifests manifests : rendered.values()) {
            for (String service : SERVICES) {
                Map<String, Set<String>> granted = grants(manifests.get("KafkaUser", service));
                Set<String> consumed = consumedTopics(service);
                Set<String> writes = new TreeSet<>(PUBLISHES.get(service));
                consumed.forEach(topic -> writes.add(Topics.deadLetterTopicOf(topic)));

                Set<String> reads = new TreeSet<>(consumed);
                consumed.forEach(topic -> reads.add(Topics.deadLetterTopicOf(topic))); // GET /api/v1/dead-letters, replays
                assertThat(granted.getOrDefault("topic:Read", Set.of())).as("%s reads, overlays/%s", service, manifests.overlay())
                        .containsExactlyInAnyOrderElementsOf(reads);
                assertThat(granted.getOrDefault("topic:Write", Set.of())).as("%s writes", service)
                        .containsExactlyInAnyOrderElementsOf(writes);
                assertThat(granted.getOrDefault("group:Read", Set.of())).as("%s's consumer group", service)
                        .containsExactlyElementsOf(groupIds(service));
                assertThat(granted.keySet()).as("%s's operations", service)
                        .isSubsetOf("topic:Read", "topic:Write", "topic:Describe", "group:Read");
            }
        }
    }

    @Test
    void everyConfigurationKeyAndVariableInTheManifestsIsOneItsServiceReads() {
        for (Manifests manifests : rendered.values()) {
            for (String service : SERVICES) {
                ServiceConfiguration configuration = configurations.get(service);
                assertThat(configuration.problemsWith(configMap(manifests, service)))
                        .as("%s's ConfigMap in overlays/%s", service, manifests.overlay()).isEmpty();
                List<String> variables = new ArrayList<>(StreamSupport.stream(container(manifests.get("Deployment", service))
                        .path("env").spliterator(), false).map(variable -> variable.path("name").asText()).toList());
                variables.addAll(environmentFromConfigMaps(manifests, manifests.get("Deployment", service)).keySet());
                assertThat(configuration.unknownEnvironment(variables)).as("%s's environment", service).isEmpty();
            }
        }
    }

    @Test
    void theKeyCheckCatchesMisspeltKeysWrongValuesAndUnknownVariables() {
        ServiceConfiguration survey = configurations.get("survey-service");

        assertThat(survey.problemsWith(Map.of("journeyline.surveys.public-base-ur", "https://x",
                "journeyline.consumer.concurency", "1", "journeyline.consumer.retries", "five", "quarkus.http.prot", "80")))
                .hasSize(4)
                .anySatisfy(problem -> assertThat(problem).contains("journeyline.surveys.public-base-ur"))
                .anySatisfy(problem -> assertThat(problem).contains("journeyline.consumer.concurency"))
                .anySatisfy(problem -> assertThat(problem).contains("journeyline.consumer.retries").contains("five"))
                .anySatisfy(problem -> assertThat(problem).startsWith("quarkus.http.prot: survey-service does not read it"));
        assertThat(survey.unknownEnvironment(List.of("KAFKA_SASL_JASS_CONFIG", "JOURNEYLINE_DB_HOSTNAME", "KAFKA_SASL_JAAS_CONFIG",
                "JOURNEYLINE_SURVEYS_PUBLIC_BASE_URL")))
                .containsExactly("KAFKA_SASL_JASS_CONFIG", "JOURNEYLINE_DB_HOSTNAME");
    }

    @Test
    void everyServiceIsProbedLimitedScrapedAndRunsAsTheImagesNonRootUser() {
        ServiceConfiguration any = configurations.get("journey-service");
        long imageUser = Long.parseLong(any.packagedValue("quarkus.jib.user"));
        String imagePrefix = any.packagedValue("quarkus.container-image.registry") + "/"
                + any.packagedValue("quarkus.container-image.group") + "/";
        for (Manifests manifests : rendered.values()) {
            for (String service : SERVICES) {
                JsonNode deployment = manifests.get("Deployment", service);
                JsonNode pod = deployment.at("/spec/template");
                JsonNode container = container(deployment);
                String where = service + " in overlays/" + manifests.overlay();

                assertThat(container.path("image").asText()).as(where).startsWith(imagePrefix + service + ":");
                assertThat(Map.of("startupProbe", "/q/health/started", "livenessProbe", "/q/health/live",
                        "readinessProbe", "/q/health/ready")).allSatisfy((probe, path) -> {
                    assertThat(container.at("/" + probe + "/httpGet/path").asText()).as("%s %s", where, probe).isEqualTo(path);
                    assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo("management");
                });
                int port = container.at("/ports/0/containerPort").asInt();
                assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
                assertThat(port).as(where).isEqualTo(Integer.parseInt(configurations.get(service).packagedValue("quarkus.http.port")));
                // /q/* is served on the port the platform derives from the HTTP port (DerivedSettings), and only there
                int management = DerivedSettings.managementPort(port);
                assertThat(container.at("/ports/1/name").asText()).as(where).isEqualTo("management");
                assertThat(container.at("/ports/1/containerPort").asInt()).as(where).isEqualTo(management);
                assertThat(container.path("ports")).hasSize(2);
                assertThat(pod.at("/metadata/annotations/prometheus.io~1port").asText()).isEqualTo(String.valueOf(management));
                assertThat(pod.at("/metadata/annotations/prometheus.io~1path").asText()).isEqualTo("/q/metrics");
                for (String kind : List.of("requests", "limits")) {
                    assertThat(container.at("/resources/" + kind + "/cpu").asText()).as("%s cpu %s", where, kind).isNotEmpty();
                    assertThat(container.at("/resources/" + kind + "/memory").asText()).as("%s memory %s", where, kind).isNotEmpty();
                }
                assertThat(pod.at("/spec/securityContext/runAsNonRoot").asBoolean()).as(where).isTrue();
                assertThat(pod.at("/spec/securityContext/runAsUser").asLong()).isEqualTo(imageUser);
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
                assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");

                Map<String, String> labels = labels(pod.path("metadata").path("labels"));
                assertThat(manifests.ofKind("PodDisruptionBudget")).as("%s's disruption budget", where)
                        .anySatisfy(budget -> assertThat(labels).containsAllEntriesOf(labels(budget.at("/spec/selector/matchLabels"))));
                assertThat(manifests.get("Service", service).at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
                assertThat(manifests.get("Service", service).at("/spec/ports/1/targetPort").asText()).isEqualTo("management");
                assertThat(labels).containsAllEntriesOf(labels(manifests.get("Service", service).at("/spec/selector")));
                assertThat(labels).as("%s is under the services' NetworkPolicy", where).containsAllEntriesOf(
                        labels(manifests.get("NetworkPolicy", "journeyline-services").at("/spec/podSelector/matchLabels")));
            }
        }
    }

    @Test
    void journeyServiceScalesOnConsumerLagUpToItsWidestTopicsPartitions() {
        for (Manifests manifests : rendered.values()) {
            JsonNode scaler = manifests.get("ScaledObject", "journey-service");
            Map<String, Integer> partitions = partitions(manifests);
            int widest = consumedTopics("journey-service").stream().mapToInt(partitions::get).max().orElseThrow();
            JsonNode lag = StreamSupport.stream(scaler.at("/spec/triggers").spliterator(), false)
                    .filter(trigger -> trigger.path("type").asText().equals("kafka")).findFirst().orElseThrow();

            assertThat(scaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo("journey-service");
            assertThat(scaler.at("/spec/maxReplicaCount").asInt()).as("overlays/%s", manifests.overlay()).isEqualTo(widest);
            assertThat(scaler.at("/spec/minReplicaCount").asInt()).isBetween(1, widest);
            assertThat(lag.at("/metadata/consumerGroup").asText()).isEqualTo(groupIds("journey-service").get(0));
            assertThat(lag.at("/metadata/bootstrapServers").asText()).isEqualTo(bootstrap(manifests));
            assertThat(configMap(manifests, "journey-service")).as("one consumer per pod")
                    .containsEntry("journeyline.consumer.concurrency", "1");
        }
    }

    @Test
    void theDatabaseHasARoleDatabaseAndRoomForEveryServiceAtItsMostPods() {
        ServiceConfiguration platform = configurations.get("journey-service");
        int flyway = Integer.parseInt(platform.packagedValue("quarkus.datasource.jdbc.max-size"))
                + Integer.parseInt(platform.packagedValue("quarkus.datasource.platform.jdbc.max-size"));
        for (Manifests manifests : rendered.values()) {
            JsonNode cluster = manifests.ofKind("Cluster").get(0);
            Map<String, String> roles = new HashMap<>();
            cluster.at("/spec/managed/roles").forEach(role -> roles.put(role.path("name").asText(),
                    role.at("/passwordSecret/name").asText()));
            int needed = 0;
            for (String service : SERVICES) {
                String database = configurations.get(service).packagedValue("journeyline.db.name");
                JsonNode deployment = manifests.get("Deployment", service);
                assertThat(roles).as("%s's role", service).containsEntry(database, secretOf(deployment, "JOURNEYLINE_DB_PASSWORD"));
                assertThat(secretOf(deployment, "JOURNEYLINE_DB_USER")).isEqualTo(roles.get(database));
                assertThat(manifests.ofKind("Database")).anySatisfy(db -> {
                    assertThat(db.at("/spec/name").asText()).isEqualTo(database);
                    assertThat(db.at("/spec/owner").asText()).isEqualTo(database);
                    assertThat(db.at("/spec/cluster/name").asText()).isEqualTo(name(cluster));
                });
                int pods = manifests.find("ScaledObject", service).map(scaler -> scaler.at("/spec/maxReplicaCount").asInt())
                        .orElse(deployment.at("/spec/replicas").asInt());
                String pool = configMap(manifests, service).getOrDefault("journeyline.db.pool-size", "16");
                needed += pods * (Integer.parseInt(pool) + flyway);
            }
            int reserved = 10; // the operator, a person with psql, superuser_reserved_connections (3)
            assertThat(cluster.at("/spec/postgresql/parameters/max_connections").asInt())
                    .as("overlays/%s: max_connections for every pod at its maximum", manifests.overlay())
                    .isGreaterThanOrEqualTo(needed + reserved);
        }
    }

    @Test
    void everySecretAndConfigMapReferencedIsRenderedMadeByAnOperatorOrDocumented() throws IOException {
        String readme = Files.readString(Manifests.MODULE.resolve("README.md"));
        for (Manifests manifests : rendered.values()) {
            Set<String> available = new HashSet<>();
            manifests.ofKind("Secret").forEach(secret -> available.add(name(secret)));
            manifests.ofKind("ConfigMap").forEach(map -> available.add(name(map)));
            manifests.ofKind("KafkaUser").forEach(user -> available.add(name(user)));       // Strimzi's User Operator
            manifests.ofKind("Kafka").forEach(kafka -> available.add(name(kafka) + "-cluster-ca-cert")); // Strimzi's CA
            manifests.ofKind("Cluster").forEach(pg -> available.add(name(pg) + "-ca"));        // CloudNativePG's CA
            available.addAll(SECRETS_BY_HAND.get(manifests.overlay()));

            Set<String> referenced = new TreeSet<>();
            for (JsonNode object : manifests.objects()) {
                collectReferences(object, referenced);
            }
            assertThat(available).as("overlays/%s", manifests.overlay()).containsAll(referenced);
            SECRETS_BY_HAND.get(manifests.overlay()).forEach(secret ->
                    assertThat(readme).as("the README says how to make %s", secret).contains(secret));
            assertThat(referenced).containsAll(SECRETS_BY_HAND.get(manifests.overlay()));
        }
    }

    @Test
    void todaysKustomizeRendersTheSameObjects() {
        Manifests.Run version = Manifests.run(Manifests.MODULE, "bash", "-c", "kubectl version --client 2>/dev/null | head -1");
        Assumptions.assumeTrue(version.output().matches("(?s).*v1\\.(2[1-9]|[3-9][0-9])\\..*"),
                "no kubectl 1.21 or later on the PATH (the check compares it with Debian's 1.20): " + version.output());
        for (String overlay : OVERLAYS) {
            Path file = Manifests.MODULE.resolve("target/rendered/" + overlay + "-today.yaml");
            assertThat(Manifests.renderTo("kubectl", Manifests.MODULE.resolve("overlays/" + overlay), file).exitCode()).isZero();
            Map<String, String> today = byIdentity(Manifests.parse(file));
            Map<String, String> debians = byIdentity(rendered.get(overlay).objects());
            assertThat(today.keySet()).as("overlays/%s, %s", overlay, version.output().trim())
                    .containsExactlyInAnyOrderElementsOf(debians.keySet());
            debians.forEach((identity, object) -> assertThat(today.get(identity)).as(identity).isEqualTo(object));
        }
    }

    @Test
    void qIsServedToMonitoringOnlyAndNoIngressRoutesToItOrToTheWholeService() {
        for (Manifests manifests : rendered.values()) {
            JsonNode policy = manifests.get("NetworkPolicy", "journeyline-services");
            Map<String, Set<String>> portsByNamespace = new TreeMap<>();
            policy.at("/spec/ingress").forEach(rule -> rule.path("from").forEach(peer -> portsByNamespace
                    .computeIfAbsent(peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText(),
                            namespace -> new TreeSet<>())
                    .addAll(StreamSupport.stream(rule.path("ports").spliterator(), false)
                            .map(port -> port.path("port").asText()).toList())));
            assertThat(portsByNamespace).as("overlays/%s: who reaches which port of the services", manifests.overlay())
                    .isEqualTo(Map.of("ingress-nginx", Set.of("http"), "monitoring", Set.of("management"),
                            "", Set.of("http")));
            // the one peer inside the namespace: journey-service, gathering a subject-access export's parts
            assertThat(StreamSupport.stream(policy.at("/spec/ingress").spliterator(), false)
                    .flatMap(rule -> StreamSupport.stream(rule.path("from").spliterator(), false))
                    .filter(peer -> peer.has("podSelector") && !peer.has("namespaceSelector"))
                    .map(peer -> peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()))
                    .containsExactly("journey-service");

            for (JsonNode ingress : manifests.ofKind("Ingress")) {
                ingress.at("/spec/rules").forEach(rule -> rule.at("/http/paths").forEach(path -> {
                    assertThat(path.path("path").asText()).as("%s %s", name(ingress), rule.path("host").asText())
                            .startsWith("/api/v1").doesNotStartWith("/q");
                    assertThat(path.at("/backend/service/port/name").asText()).isEqualTo("http");
                }));
            }
            manifests.find("PodMonitor", "journeyline-services").ifPresent(monitor -> assertThat(
                    monitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("management"));
        }
    }

    @Test
    void prodPublishesOnlyTheSurveyAnswerRouteAndTheStaffApisOnHostsOfTheirOwnBehindAnAllowList() {
        Manifests prod = rendered.get("prod");
        JsonNode open = prod.get("Ingress", "journeyline-public");
        JsonNode staff = prod.get("Ingress", "journeyline-staff");
        assertThat(prod.ofKind("Ingress")).hasSize(2);
        assertThat(rendered.get("dev").ofKind("Ingress")).isEmpty();

        String publicBase = configMap(prod, "survey-service").get("journeyline.surveys.public-base-url");
        assertThat(open.at("/spec/rules")).singleElement().satisfies(rule -> {
            assertThat("https://" + rule.path("host").asText()).isEqualTo(publicBase);
            assertThat(rule.at("/http/paths")).singleElement().satisfies(path -> {
                assertThat(path.path("path").asText()).isEqualTo("/api/v1/responses");
                assertThat(path.path("pathType").asText()).isEqualTo("Prefix");
                assertThat(path.at("/backend/service/name").asText()).isEqualTo("survey-service");
            });
        });
        assertThat(open.at("/metadata/annotations/nginx.ingress.kubernetes.io~1limit-rps").asInt()).isPositive();

        Set<String> publicHosts = hosts(open);
        Map<String, String> staffServices = new TreeMap<>();
        staff.at("/spec/rules").forEach(rule -> rule.at("/http/paths").forEach(path ->
                staffServices.put(rule.path("host").asText(), path.at("/backend/service/name").asText())));
        assertThat(staffServices.values()).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(staffServices.keySet()).doesNotContainAnyElementsOf(publicHosts);
        assertThat(staff.at("/metadata/annotations/nginx.ingress.kubernetes.io~1whitelist-source-range").asText())
                .as("the staff ingress admits listed addresses only").isNotBlank();
        assertThat(hosts(staff)).containsAll(staffServices.keySet());
        assertThat(publicHosts).contains(open.at("/spec/rules/0/host").asText());
    }

    @Test
    void everyEnvironmentNamesItsOwnTokenIssuerAndOnlyDevAcceptsItsPublishedKeyPair() {
        Map<String, String> issuers = new TreeMap<>();
        for (Manifests manifests : rendered.values()) {
            for (String service : SERVICES) {
                Map<String, String> auth = environmentFromConfigMaps(manifests, manifests.get("Deployment", service));
                assertThat(auth.get("JOURNEYLINE_JWT_ISSUER")).as("%s in overlays/%s", service, manifests.overlay())
                        .isNotBlank();
                issuers.merge(manifests.overlay(), auth.get("JOURNEYLINE_JWT_ISSUER"), (a, b) -> {
                    assertThat(b).as("one issuer for all services of overlays/%s", manifests.overlay()).isEqualTo(a);
                    return a;
                });
                assertThat(auth.getOrDefault("JOURNEYLINE_JWT_ALLOW_PUBLISHED_KEY", "false"))
                        .as("%s in overlays/%s accepts the published dev key pair", service, manifests.overlay())
                        .isEqualTo(manifests.overlay().equals("dev") ? "true" : "false");
            }
        }
        String tests = configurations.get("journey-service").packagedValue("%test.journeyline.jwt.issuer");
        assertThat(tests).isNotBlank();
        assertThat(issuers.values()).doesNotHaveDuplicates().doesNotContain(tests);
        assertThat(configurations.get("journey-service").packagedValue("mp.jwt.verify.issuer"))
                .as("no default issuer every environment would share").isEqualTo("${journeyline.jwt.issuer}");
    }

    @Test
    void everyServiceTalksToPostgresqlOverTlsCheckingTheServersNameAndCertificate() {
        for (Manifests manifests : rendered.values()) {
            String cluster = name(manifests.ofKind("Cluster").get(0));
            for (String service : SERVICES) {
                JsonNode deployment = manifests.get("Deployment", service);
                Map<String, String> env = new HashMap<>();
                container(deployment).path("env").forEach(v -> env.put(v.path("name").asText(), v.path("value").asText()));
                String where = service + " in overlays/" + manifests.overlay();
                assertThat(env).as(where).containsEntry("JOURNEYLINE_DB_SSL_MODE", "verify-full")
                        .containsEntry("JOURNEYLINE_DB_HOST", cluster + "-rw"); // a name in CloudNativePG's server certificate
                String caFile = env.get("JOURNEYLINE_DB_SSL_ROOT_CERT");
                JsonNode mount = StreamSupport.stream(container(deployment).path("volumeMounts").spliterator(), false)
                        .filter(m -> caFile.startsWith(m.path("mountPath").asText() + "/")).findFirst()
                        .orElseThrow(() -> new AssertionError(where + ": " + caFile + " is not mounted"));
                JsonNode volume = StreamSupport.stream(deployment.at("/spec/template/spec/volumes").spliterator(), false)
                        .filter(v -> v.path("name").asText().equals(mount.path("name").asText())).findFirst().orElseThrow();
                assertThat(volume.at("/secret/secretName").asText()).as(where).isEqualTo(cluster + "-ca");
                assertThat(volume.at("/secret/items")).singleElement().satisfies(item -> {
                    assertThat(item.path("key").asText()).isEqualTo("ca.crt"); // the certificate, never the CA's key
                    assertThat(mount.path("mountPath").asText() + "/" + item.path("path").asText()).isEqualTo(caFile);
                });
            }
        }
    }

    // --- helpers ---

    private static Set<String> hosts(JsonNode ingress) {
        Set<String> hosts = new TreeSet<>();
        ingress.at("/spec/tls").forEach(tls -> tls.path("hosts").forEach(host -> hosts.add(host.asText())));
        return hosts;
    }

    /** The variables a Deployment's container takes from ConfigMaps whole ({@code envFrom}). */
    private static Map<String, String> environmentFromConfigMaps(Manifests manifests, JsonNode deployment) {
        Map<String, String> variables = new TreeMap<>();
        container(deployment).path("envFrom").forEach(source -> {
            JsonNode map = manifests.get("ConfigMap", source.at("/configMapRef/name").asText());
            map.path("data").fields().forEachRemaining(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
        });
        return variables;
    }

    private static Manifests.Run validate(Path file) {
        return Manifests.run(Manifests.MODULE, "node", Manifests.TOOLS.resolve("validate/validate.mjs").toString(), file.toString());
    }

    /** A KafkaUser's grants as "resourceType:Operation" → resource names. */
    private static Map<String, Set<String>> grants(JsonNode user) {
        Map<String, Set<String>> grants = new TreeMap<>();
        user.at("/spec/authorization/acls").forEach(acl -> acl.path("operations").forEach(operation -> grants
                .computeIfAbsent(acl.at("/resource/type").asText() + ":" + operation.asText(), key -> new TreeSet<>())
                .add(acl.at("/resource/name").asText())));
        return grants;
    }

    private static Set<String> consumedTopics(String service) {
        return configurations.get(service).incoming("topics").stream().flatMap(topics -> Arrays.stream(topics.split(",")))
                .map(String::trim).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> groupIds(String service) {
        return configurations.get(service).incoming("group.id").stream().distinct().toList();
    }

    private static Map<String, String> configMap(Manifests manifests, String service) {
        String name = StreamSupport.stream(manifests.get("Deployment", service).at("/spec/template/spec/volumes").spliterator(), false)
                .filter(volume -> volume.path("name").asText().equals("config"))
                .map(volume -> volume.at("/configMap/name").asText()).findFirst().orElseThrow();
        return ServiceConfiguration.parse(manifests.get("ConfigMap", name).at("/data/application.properties").asText());
    }

    private static Map<String, Integer> partitions(Manifests manifests) {
        return manifests.ofKind("KafkaTopic").stream().collect(Collectors.toMap(
                topic -> topic.at("/spec/topicName").asText(), topic -> topic.at("/spec/partitions").asInt()));
    }

    private static String bootstrap(Manifests manifests) {
        return StreamSupport.stream(container(manifests.get("Deployment", "journey-service")).path("env").spliterator(), false)
                .filter(variable -> variable.path("name").asText().equals("KAFKA_BOOTSTRAP_SERVERS"))
                .map(variable -> variable.path("value").asText()).findFirst().orElseThrow();
    }

    private static String secretOf(JsonNode deployment, String variable) {
        return StreamSupport.stream(container(deployment).path("env").spliterator(), false)
                .filter(env -> env.path("name").asText().equals(variable))
                .map(env -> env.at("/valueFrom/secretKeyRef/name").asText()).findFirst().orElseThrow();
    }

    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new HashMap<>();
        labels.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        return map;
    }

    /** Names of Secrets and ConfigMaps an object refers to: pods' env and volumes, KEDA's and CloudNativePG's refs. */
    private static void collectReferences(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (String field : List.of("secretKeyRef", "configMapKeyRef", "configMap", "configMapRef", "passwordSecret")) {
                if (node.has(field) && node.get(field).has("name")) {
                    names.add(node.get(field).get("name").asText());
                }
            }
            if (node.has("secret") && node.get("secret").has("secretName")) {
                names.add(node.get("secret").get("secretName").asText());
            }
            for (String field : List.of("secretTargetRef", "configMapTargetRef")) {
                node.path(field).forEach(reference -> names.add(reference.path("name").asText()));
            }
            if (node.has("tls") && node.get("tls").isArray()) {
                node.get("tls").forEach(tls -> names.add(tls.path("secretName").asText()));
            }
            node.forEach(child -> collectReferences(child, names));
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, names));
        }
    }

    /** Names of the ConfigMaps the overlays generate (kustomize appends a content hash to each). */
    private static final String GENERATED = "(-config|journeyline-auth)";

    /** Objects by kind/namespace/name, with kustomize's content hashes (which differ between its versions) masked. */
    private static Map<String, String> byIdentity(List<JsonNode> objects) {
        Map<String, String> map = new TreeMap<>();
        for (JsonNode object : objects) {
            JsonNode metadata = object.path("metadata");
            for (String field : List.of("annotations", "labels")) {
                if (metadata.path(field).isEmpty() && metadata instanceof ObjectNode node) {
                    node.remove(field); // kustomize 2 writes the empty maps a merging generator leaves
                }
            }
            if (object.path("data").isObject() && object.path("kind").asText().equals("Secret")) {
                ObjectNode data = (ObjectNode) object.get("data");
                // base64 is wrapped differently by each kustomize
                iterable(data.fieldNames()).forEach(key -> data.put(key, data.get(key).asText().replaceAll("\\s", "")));
            }
            String text = object.toString().replaceAll(GENERATED + "-[a-z0-9]{10}\"", "$1-HASH\"");
            map.put(object.path("kind").asText() + "/" + object.at("/metadata/namespace").asText() + "/"
                    + name(object).replaceAll(GENERATED + "-[a-z0-9]{10}$", "$1-HASH"), text);
        }
        return map;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
