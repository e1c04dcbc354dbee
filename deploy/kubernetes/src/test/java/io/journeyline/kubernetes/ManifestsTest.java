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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 * connections — and that the console runs as the services do while reaching only their APIs, DNS and its identity
 * provider, with nothing of Kafka, PostgreSQL or the services' keys.
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
    /**
     * The console (console/, ARCHITECTURE.md): the staff web application over the four services' APIs, signing people in
     * with OpenID Connect; no database, no Kafka. Its module is not part of this build, so its port is the contract's.
     */
    static final String CONSOLE = "console";
    static final int CONSOLE_PORT = 8080;
    /** The console's own Secret: its OIDC client secret and the key that encrypts its session cookie. */
    static final String CONSOLE_SECRET = "journeyline-console";
    /** The services the console calls, by the variable that holds each one's URL. */
    static final Map<String, String> CONSOLE_CALLS = Map.of("JOURNEYLINE_CONSOLE_JOURNEY_URL", "journey-service",
            "JOURNEYLINE_CONSOLE_SURVEY_URL", "survey-service", "JOURNEYLINE_CONSOLE_EDUCATION_URL", "education-service",
            "JOURNEYLINE_CONSOLE_FEEDBACK_URL", "feedback-service");
    /** Secrets an operator creates by hand before applying an overlay (deploy/kubernetes/README.md says how). */
    static final Map<String, Set<String>> SECRETS_BY_HAND = Map.of(
            "dev", Set.of(),
            "prod", Set.of("journeyline-jwt", "journeyline-privacy", "journey-db", "survey-db", "education-db", "feedback-db",
                    "journeyline-tls", CONSOLE_SECRET));

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
            // the console's objects are among those validated
            for (String kind : List.of("ServiceAccount", "Deployment", "Service", "PodDisruptionBudget")) {
                assertThat(manifests.find(kind, CONSOLE)).as("overlays/%s: the console's %s", manifests.overlay(), kind).isPresent();
            }
            assertThat(manifests.find("NetworkPolicy", "journeyline-console")).isPresent();
            assertThat(manifests.ofKind("ConfigMap")).extracting(Manifests::name).anyMatch(name -> name.startsWith("console-oidc"));
            if (manifests.overlay().equals("prod")) {
                assertThat(manifests.find("Ingress", "journeyline-console")).isPresent();
                assertThat(manifests.find("PodMonitor", "journeyline-console")).isPresent();
            } else {
                assertThat(manifests.find("Secret", CONSOLE_SECRET)).isPresent();
            }
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
                "NetworkPolicy/broken-policy (networking.k8s.io/v1): data/spec/egress/0/to/0/ipBlock must have required property cidr",
                "validated 7 objects, 7 problems");
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
        for (Manifests manifests : rendered.values()) {
            for (String service : SERVICES) {
                int port = Integer.parseInt(configurations.get(service).packagedValue("quarkus.http.port"));
                assertProbedLimitedScrapedAndNonRoot(manifests, service, port);
                Map<String, String> labels = podLabels(manifests, service);
                assertThat(labels).as("%s in overlays/%s is under the services' NetworkPolicy", service, manifests.overlay())
                        .containsAllEntriesOf(labels(manifests.get("NetworkPolicy", "journeyline-services").at("/spec/podSelector/matchLabels")));
            }
        }
    }

    @Test
    void theConsoleIsProbedLimitedScrapedAndRunsAsTheImagesNonRootUserAsTheServicesDo() {
        for (Manifests manifests : rendered.values()) {
            String where = "the console in overlays/" + manifests.overlay();
            assertProbedLimitedScrapedAndNonRoot(manifests, CONSOLE, CONSOLE_PORT);
            JsonNode console = manifests.get("Deployment", CONSOLE);
            JsonNode service = manifests.get("Deployment", "journey-service");
            // the services' securityContexts, field for field (pod and container)
            assertThat(console.at("/spec/template/spec/securityContext")).as(where)
                    .isEqualTo(service.at("/spec/template/spec/securityContext"));
            assertThat(container(console).path("securityContext")).as(where).isEqualTo(container(service).path("securityContext"));
            assertThat(console.at("/spec/template/spec/automountServiceAccountToken").asBoolean(true)).as(where).isFalse();
            assertThat(manifests.get("ServiceAccount", CONSOLE).path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(console.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo(CONSOLE);
            // released with the services, sized as the small ones
            assertThat(tag(container(console))).as(where).isEqualTo(tag(container(service)));
            assertThat(container(console).path("resources")).as(where)
                    .isEqualTo(container(manifests.get("Deployment", "survey-service")).path("resources"));
            assertThat(console.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
            assertThat(podLabels(manifests, CONSOLE)).as("%s is not labelled as a service", where)
                    .doesNotContainEntry("app.kubernetes.io/component", "service");
        }
        // stateless (its sessions are encrypted cookies): prod runs two, spread like the services, a budget keeps one
        JsonNode prod = rendered.get("prod").get("Deployment", CONSOLE);
        assertThat(prod.at("/spec/replicas").asInt()).as("the console's pods in prod").isEqualTo(2);
        assertThat(prod.at("/spec/template/spec/topologySpreadConstraints")).extracting(spread -> spread.path("topologyKey").asText())
                .containsExactlyInAnyOrder("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        assertThat(rendered.get("prod").get("PodDisruptionBudget", CONSOLE).at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(rendered.get("dev").get("Deployment", CONSOLE).at("/spec/replicas").asInt()).isEqualTo(1);
    }

    @Test
    void theConsoleHasNoDatabaseNoKafkaNoServiceKeysOnlyItsOwnSecretAndItsSignInSettings() {
        for (Manifests manifests : rendered.values()) {
            String where = "the console in overlays/" + manifests.overlay();
            JsonNode deployment = manifests.get("Deployment", CONSOLE);
            Map<String, JsonNode> env = new TreeMap<>();
            container(deployment).path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
            Map<String, String> fromConfigMaps = environmentFromConfigMaps(manifests, deployment);

            assertThat(env.keySet()).as(where).containsExactlyInAnyOrder("JOURNEYLINE_CONSOLE_JOURNEY_URL",
                    "JOURNEYLINE_CONSOLE_SURVEY_URL", "JOURNEYLINE_CONSOLE_EDUCATION_URL", "JOURNEYLINE_CONSOLE_FEEDBACK_URL",
                    "QUARKUS_OIDC_CREDENTIALS_SECRET", "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET",
                    "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING");
            assertThat(fromConfigMaps.keySet()).as(where).containsExactlyInAnyOrder("QUARKUS_OIDC_AUTH_SERVER_URL",
                    "QUARKUS_OIDC_CLIENT_ID", "QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH");
            List<String> names = new ArrayList<>(env.keySet());
            names.addAll(fromConfigMaps.keySet());
            assertThat(names).as("%s: nothing of Kafka, PostgreSQL, the services' token key or privacy key", where)
                    .noneMatch(name -> name.startsWith("KAFKA_") || name.startsWith("MP_MESSAGING_")
                            || name.startsWith("JOURNEYLINE_DB_") || name.startsWith("QUARKUS_DATASOURCE_")
                            || name.startsWith("JOURNEYLINE_JWT_") || name.startsWith("JOURNEYLINE_PRIVACY_"));

            // sign-in: OpenID Connect code flow at the identity provider, as the client journeyline-console
            assertThat(fromConfigMaps.get("QUARKUS_OIDC_AUTH_SERVER_URL")).as(where).startsWith("https://");
            assertThat(fromConfigMaps).containsEntry("QUARKUS_OIDC_CLIENT_ID", "journeyline-console")
                    .containsEntry("QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH", "groups");
            assertThat(secretKey(env.get("QUARKUS_OIDC_CREDENTIALS_SECRET"))).isEqualTo(CONSOLE_SECRET + "/oidc-client-secret");
            assertThat(secretKey(env.get("QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET")))
                    .isEqualTo(CONSOLE_SECRET + "/token-encryption-secret");

            // the only Secret it reads is its own, and it mounts none (no JWT key, no Kafka or PostgreSQL CA)
            Set<String> referenced = new TreeSet<>();
            collectReferences(deployment, referenced);
            assertThat(referenced).as(where).containsExactlyInAnyOrder(CONSOLE_SECRET,
                    container(deployment).at("/envFrom/0/configMapRef/name").asText());
            assertThat(deployment.at("/spec/template/spec/volumes")).as(where)
                    .allSatisfy(volume -> assertThat(volume.has("emptyDir")).as(volume.toString()).isTrue());

            // the four services' APIs, by their in-cluster Services' http port
            Map<String, String> calls = new TreeMap<>();
            CONSOLE_CALLS.forEach((variable, service) -> {
                URI url = URI.create(env.get(variable).path("value").asText());
                JsonNode http = servicePort(manifests.get("Service", service), "http");
                assertThat(url.getScheme()).as("%s %s", where, variable).isEqualTo("http");
                assertThat(url.getPort() == -1 ? 80 : url.getPort()).as("%s %s", where, variable).isEqualTo(http.path("port").asInt());
                assertThat(http.path("targetPort").asText()).isEqualTo("http");
                calls.put(variable, url.getHost());
            });
            assertThat(calls).as(where).isEqualTo(new TreeMap<>(CONSOLE_CALLS));

            // no Kafka user or broker access, no database role, database or PostgreSQL access
            Map<String, String> labels = podLabels(manifests, CONSOLE);
            assertThat(manifests.ofKind("KafkaUser")).extracting(Manifests::name).as(where).doesNotContain(CONSOLE);
            manifests.ofKind("Kafka").forEach(kafka -> kafka.at("/spec/kafka/listeners").forEach(listener ->
                    listener.path("networkPolicyPeers").forEach(peer -> assertThat(
                            peer.has("podSelector") && !peer.has("namespaceSelector") && selects(peer.get("podSelector"), labels))
                            .as("%s is a peer of the Kafka listener %s", where, listener.path("name").asText()).isFalse())));
            JsonNode cluster = manifests.ofKind("Cluster").get(0);
            assertThat(cluster.at("/spec/managed/roles")).extracting(role -> role.path("name").asText()).doesNotContain(CONSOLE);
            assertThat(manifests.ofKind("Database")).extracting(db -> db.at("/spec/owner").asText()).doesNotContain(CONSOLE);
            assertThat(portsOpened(manifests, Map.of("cnpg.io/cluster", name(cluster)), labels))
                    .as("%s: ports of PostgreSQL open to it", where).isEmpty();
        }
        // dev generates its dev-only values; Quarkus refuses a cookie key shorter than 32 characters
        JsonNode secret = rendered.get("dev").get("Secret", CONSOLE_SECRET);
        assertThat(secret.at("/data/oidc-client-secret").asText()).isNotBlank();
        assertThat(new String(Base64.getMimeDecoder().decode(secret.at("/data/token-encryption-secret").asText()),
                StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void theConsoleIsReachedOnlyFromTheIngressControllerAndPrometheusAndReachesOnlyTheApisDnsAndTheIdentityProvider() {
        for (Manifests manifests : rendered.values()) {
            String where = "the console in overlays/" + manifests.overlay();
            Map<String, String> labels = podLabels(manifests, CONSOLE);
            // policies add up: this one alone must select the console's pods, or another would open more
            assertThat(manifests.ofKind("NetworkPolicy")).filteredOn(policy -> selects(policy.at("/spec/podSelector"), labels))
                    .extracting(Manifests::name).as(where).containsExactly("journeyline-console");
            JsonNode policy = manifests.get("NetworkPolicy", "journeyline-console");
            assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");

            assertThat(rules(policy, "ingress")).as("%s: who reaches which port", where).containsExactlyInAnyOrder(
                    "namespaces {kubernetes.io/metadata.name=ingress-nginx} on http/TCP",
                    "namespaces {kubernetes.io/metadata.name=monitoring} on management/TCP");
            assertThat(rules(policy, "egress")).as("%s: what it reaches", where).containsExactlyInAnyOrder(
                    "namespaces {kubernetes.io/metadata.name=kube-system} pods {k8s-app=kube-dns} on 53/UDP, 53/TCP",
                    "pods {app.kubernetes.io/component=service, app.kubernetes.io/part-of=journeyline} on http/TCP",
                    "addresses 0.0.0.0/0 or addresses ::/0 on 443/TCP");
            // the same rules as the services' for the ingress controller, Prometheus and DNS
            JsonNode services = manifests.get("NetworkPolicy", "journeyline-services");
            assertThat(rules(services, "ingress")).containsAll(rules(policy, "ingress"));
            assertThat(rules(services, "egress")).contains("namespaces {kubernetes.io/metadata.name=kube-system} pods "
                    + "{k8s-app=kube-dns} on 53/UDP, 53/TCP");
            // its peer "the services" is each of the four, and not the console itself
            JsonNode toServices = StreamSupport.stream(policy.at("/spec/egress").spliterator(), false)
                    .flatMap(rule -> StreamSupport.stream(rule.path("to").spliterator(), false))
                    .filter(peer -> peer.has("podSelector") && !peer.has("namespaceSelector")).findFirst().orElseThrow();
            SERVICES.forEach(service -> assertThat(selects(toServices.get("podSelector"), podLabels(manifests, service)))
                    .as("%s reaches %s", where, service).isTrue());
            assertThat(selects(toServices.get("podSelector"), labels)).isFalse();
            // and no pod of the namespace reaches the console (the services answer it; they never call it)
            for (String service : SERVICES) {
                assertThat(portsOpened(manifests, labels, podLabels(manifests, service))).as("%s from %s", where, service).isEmpty();
            }
        }
    }

    @Test
    void theServicesAdmitTheConsoleOnTheirApiPortOnly() {
        for (Manifests manifests : rendered.values()) {
            Map<String, String> console = podLabels(manifests, CONSOLE);
            for (String service : SERVICES) {
                assertThat(portsOpened(manifests, podLabels(manifests, service), console))
                        .as("ports of %s open to the console in overlays/%s", service, manifests.overlay())
                        .containsExactly("http");
            }
        }
    }

    @Test
    void inProdAPodMonitorScrapesEveryServiceAndTheConsoleOnItsManagementPort() {
        Manifests prod = rendered.get("prod");
        List<String> deployables = new ArrayList<>(SERVICES);
        deployables.add(CONSOLE);
        for (String deployable : deployables) {
            Map<String, String> labels = podLabels(prod, deployable);
            assertThat(prod.ofKind("PodMonitor")).as("%s's metrics in prod", deployable)
                    .filteredOn(monitor -> selects(monitor.at("/spec/selector"), labels)).singleElement()
                    .satisfies(monitor -> assertThat(monitor.at("/spec/podMetricsEndpoints")).singleElement().satisfies(endpoint -> {
                        assertThat(endpoint.path("port").asText()).isEqualTo("management");
                        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
                    }));
        }
    }

    @Test
    void inProdTheConsoleSignsPeopleInAtTheIssuerWhoseTokensTheServicesAccept() {
        // OpenID Connect discovery reads <auth server URL>/.well-known/openid-configuration, whose issuer is that URL:
        // the tokens the console passes on are accepted by the services only if they name that issuer
        Manifests prod = rendered.get("prod");
        String signIn = environmentFromConfigMaps(prod, prod.get("Deployment", CONSOLE)).get("QUARKUS_OIDC_AUTH_SERVER_URL");
        for (String service : SERVICES) {
            assertThat(environmentFromConfigMaps(prod, prod.get("Deployment", service)).get("JOURNEYLINE_JWT_ISSUER"))
                    .as("%s's issuer in prod", service).isEqualTo(signIn);
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
            // the peers inside the namespace: journey-service, gathering a subject-access export's parts, and the console
            assertThat(StreamSupport.stream(policy.at("/spec/ingress").spliterator(), false)
                    .flatMap(rule -> StreamSupport.stream(rule.path("from").spliterator(), false))
                    .filter(peer -> peer.has("podSelector") && !peer.has("namespaceSelector"))
                    .map(peer -> peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()))
                    .containsExactlyInAnyOrder("journey-service", CONSOLE);

            for (JsonNode ingress : manifests.ofKind("Ingress")) {
                ingress.at("/spec/rules").forEach(rule -> rule.at("/http/paths").forEach(path -> {
                    String where = name(ingress) + " " + rule.path("host").asText();
                    if (path.at("/backend/service/name").asText().equals(CONSOLE)) {
                        // the console's pages are all of its http port; its /q/* is on the management port
                        assertThat(path.path("path").asText()).as(where).isEqualTo("/");
                    } else {
                        assertThat(path.path("path").asText()).as(where).startsWith("/api/v1").doesNotStartWith("/q");
                    }
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
        assertThat(prod.ofKind("Ingress")).hasSize(3); // and the console's (next test)
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
    void prodRoutesTheConsolesHostToItOverTlsFromTheStaffApisAddressesOnly() {
        Manifests prod = rendered.get("prod");
        JsonNode console = prod.get("Ingress", "journeyline-console");
        JsonNode staff = prod.get("Ingress", "journeyline-staff");
        assertThat(console.at("/spec/rules")).singleElement().satisfies(rule -> {
            assertThat(hosts(console)).containsExactly(rule.path("host").asText());
            assertThat(rule.at("/http/paths")).singleElement().satisfies(path -> {
                assertThat(path.path("path").asText()).isEqualTo("/");
                assertThat(path.path("pathType").asText()).isEqualTo("Prefix");
                assertThat(path.at("/backend/service/name").asText()).isEqualTo(CONSOLE);
                assertThat(path.at("/backend/service/port/name").asText()).isEqualTo("http");
            });
        });
        assertThat(console.at("/spec/tls")).extracting(tls -> tls.path("secretName").asText())
                .containsOnly(staff.at("/spec/tls/0/secretName").asText());
        assertThat(console.at("/spec/ingressClassName").asText()).isEqualTo(staff.at("/spec/ingressClassName").asText());
        String allowList = "/metadata/annotations/nginx.ingress.kubernetes.io~1whitelist-source-range";
        assertThat(console.at(allowList).asText()).as("the console admits the staff APIs' addresses").isNotBlank()
                .isEqualTo(staff.at(allowList).asText());
        // the session cookie (the person's tokens, encrypted) outgrows ingress-nginx's default 4k header buffer
        assertThat(console.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-buffer-size").asText()).isNotBlank();
        Set<String> others = new TreeSet<>();
        prod.ofKind("Ingress").stream().filter(ingress -> !name(ingress).equals("journeyline-console")).forEach(ingress -> {
            others.addAll(hosts(ingress));
            ingress.at("/spec/rules").forEach(rule -> rule.at("/http/paths").forEach(path -> assertThat(
                    path.at("/backend/service/name").asText()).as("%s routes to the console", name(ingress)).isNotEqualTo(CONSOLE)));
        });
        assertThat(others).as("hosts of the other Ingresses").doesNotContainAnyElementsOf(hosts(console));
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

    /**
     * What every Deployment of Journeyline's own images shares: the three probes on the Quarkus health endpoints of its
     * management port (the HTTP port + 1000), requests and limits, scrape annotations, the image's non-root user, no
     * privilege escalation, a read-only root filesystem, a disruption budget, and a Service with both ports.
     */
    private static void assertProbedLimitedScrapedAndNonRoot(Manifests manifests, String name, int httpPort) {
        ServiceConfiguration any = configurations.get("journey-service");
        long imageUser = Long.parseLong(any.packagedValue("quarkus.jib.user"));
        String imagePrefix = any.packagedValue("quarkus.container-image.registry") + "/"
                + any.packagedValue("quarkus.container-image.group") + "/";
        JsonNode deployment = manifests.get("Deployment", name);
        JsonNode pod = deployment.at("/spec/template");
        JsonNode container = container(deployment);
        String where = name + " in overlays/" + manifests.overlay();

        assertThat(container.path("image").asText()).as(where).startsWith(imagePrefix + name + ":");
        assertThat(Map.of("startupProbe", "/q/health/started", "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready")).allSatisfy((probe, path) -> {
            assertThat(container.at("/" + probe + "/httpGet/path").asText()).as("%s %s", where, probe).isEqualTo(path);
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).as("%s %s", where, probe).isEqualTo("management");
        });
        int port = container.at("/ports/0/containerPort").asInt();
        assertThat(container.at("/ports/0/name").asText()).as(where).isEqualTo("http");
        assertThat(port).as(where).isEqualTo(httpPort);
        // /q/* is served on the port the platform derives from the HTTP port (DerivedSettings), and only there
        int management = DerivedSettings.managementPort(port);
        assertThat(container.at("/ports/1/name").asText()).as(where).isEqualTo("management");
        assertThat(container.at("/ports/1/containerPort").asInt()).as(where).isEqualTo(management);
        assertThat(container.path("ports")).hasSize(2);
        assertThat(pod.at("/metadata/annotations/prometheus.io~1scrape").asText()).as(where).isEqualTo("true");
        assertThat(pod.at("/metadata/annotations/prometheus.io~1port").asText()).as(where).isEqualTo(String.valueOf(management));
        assertThat(pod.at("/metadata/annotations/prometheus.io~1path").asText()).isEqualTo("/q/metrics");
        for (String kind : List.of("requests", "limits")) {
            assertThat(container.at("/resources/" + kind + "/cpu").asText()).as("%s cpu %s", where, kind).isNotEmpty();
            assertThat(container.at("/resources/" + kind + "/memory").asText()).as("%s memory %s", where, kind).isNotEmpty();
        }
        assertThat(pod.at("/spec/securityContext/runAsNonRoot").asBoolean()).as(where).isTrue();
        assertThat(pod.at("/spec/securityContext/runAsUser").asLong()).as(where).isEqualTo(imageUser);
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).as(where).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).as(where).isFalse();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(where).isTrue();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).as(where).isEqualTo("ALL");

        Map<String, String> labels = labels(pod.path("metadata").path("labels"));
        assertThat(manifests.ofKind("PodDisruptionBudget")).as("%s's disruption budget", where)
                .anySatisfy(budget -> assertThat(labels).containsAllEntriesOf(labels(budget.at("/spec/selector/matchLabels"))));
        JsonNode service = manifests.get("Service", name);
        assertThat(service.at("/spec/ports/0/targetPort").asText()).as(where).isEqualTo("http");
        assertThat(service.at("/spec/ports/1/targetPort").asText()).as(where).isEqualTo("management");
        assertThat(service.at("/spec/ports/1/port").asInt()).as(where).isEqualTo(management);
        assertThat(labels).containsAllEntriesOf(labels(service.at("/spec/selector")));
    }

    private static Map<String, String> podLabels(Manifests manifests, String deployment) {
        return labels(manifests.get("Deployment", deployment).at("/spec/template/metadata/labels"));
    }

    private static String tag(JsonNode container) {
        String image = container.path("image").asText();
        return image.substring(image.lastIndexOf(':') + 1);
    }

    /** "secret/key" of a variable taken from a Secret. */
    private static String secretKey(JsonNode variable) {
        return variable.at("/valueFrom/secretKeyRef/name").asText() + "/" + variable.at("/valueFrom/secretKeyRef/key").asText();
    }

    private static JsonNode servicePort(JsonNode service, String name) {
        return StreamSupport.stream(service.at("/spec/ports").spliterator(), false)
                .filter(port -> port.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name(service) + " has no port " + name));
    }

    /** Whether a label selector selects pods (or namespaces) with these labels; the manifests use matchLabels only. */
    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        assertThat(selector.has("matchExpressions")).as("a selector with matchExpressions: %s", selector).isFalse();
        return labels.entrySet().containsAll(labels(selector.path("matchLabels")).entrySet());
    }

    /**
     * The ports of the pods labelled {@code target} that the namespace's NetworkPolicies open to its pods labelled
     * {@code from} ("*" for every port): policies add up, a rule without peers admits everyone, and pods no policy
     * selects for Ingress take anything.
     */
    private static Set<String> portsOpened(Manifests manifests, Map<String, String> target, Map<String, String> from) {
        Set<String> ports = new TreeSet<>();
        boolean isolated = false;
        for (JsonNode policy : manifests.ofKind("NetworkPolicy")) {
            if (!selects(policy.at("/spec/podSelector"), target) || StreamSupport.stream(policy.at("/spec/policyTypes")
                    .spliterator(), false).noneMatch(type -> type.asText().equals("Ingress"))) {
                continue;
            }
            isolated = true;
            for (JsonNode rule : policy.at("/spec/ingress")) {
                boolean admitted = rule.path("from").isEmpty() || StreamSupport.stream(rule.path("from").spliterator(), false)
                        .anyMatch(peer -> peer.has("podSelector") && !peer.has("namespaceSelector")
                                && selects(peer.get("podSelector"), from));
                if (admitted && rule.path("ports").isEmpty()) {
                    ports.add("*");
                } else if (admitted) {
                    rule.path("ports").forEach(port -> ports.add(port.path("port").asText()));
                }
            }
        }
        return isolated ? ports : Set.of("*");
    }

    /** A NetworkPolicy's ingress or egress rules, one line each: its peers, then its ports. */
    private static List<String> rules(JsonNode policy, String direction) {
        List<String> rules = new ArrayList<>();
        policy.at("/spec/" + direction).forEach(rule -> {
            List<String> peers = new ArrayList<>();
            rule.path(direction.equals("ingress") ? "from" : "to").forEach(peer -> {
                List<String> parts = new ArrayList<>();
                if (peer.has("namespaceSelector")) {
                    parts.add("namespaces " + new TreeMap<>(labels(peer.at("/namespaceSelector/matchLabels"))));
                }
                if (peer.has("podSelector")) {
                    parts.add("pods " + new TreeMap<>(labels(peer.at("/podSelector/matchLabels"))));
                }
                if (peer.has("ipBlock")) {
                    parts.add("addresses " + peer.at("/ipBlock/cidr").asText()
                            + (peer.at("/ipBlock/except").isEmpty() ? "" : " except " + peer.at("/ipBlock/except")));
                }
                peers.add(String.join(" ", parts));
            });
            List<String> ports = new ArrayList<>();
            rule.path("ports").forEach(port -> ports.add(port.path("port").asText() + "/" + port.path("protocol").asText("TCP")));
            rules.add((peers.isEmpty() ? "anyone" : String.join(" or ", peers)) + " on "
                    + (ports.isEmpty() ? "every port" : String.join(", ", ports)));
        });
        return rules;
    }

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
    private static final String GENERATED = "(-config|journeyline-auth|console-oidc)";

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
