package io.journeyline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka secured the way the Kubernetes manifests secure it: SASL SCRAM-SHA-512 logins and the ACLs of the Strimzi
 * KafkaUsers in a manifest file (deploy/kubernetes/base/kafka/users.yaml), each service logging in as the user of its
 * name. Over plain TCP here (TLS is the cluster's). The launcher and its tools log in as a super user.
 */
final class KafkaSecurity {
    static final String MECHANISM = "SCRAM-SHA-512";
    static final String ADMIN = "admin";

    /** A user's login and grants, as its KafkaUser declares them. */
    record User(String name, List<AclBinding> acls) {
        String password() {
            return name + "-local";
        }
    }

    private final Map<String, User> users;

    private KafkaSecurity(Map<String, User> users) {
        this.users = users;
    }

    /** The KafkaUsers of a multi-document manifest file (other kinds skipped). */
    static KafkaSecurity fromManifests(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, User> users = new LinkedHashMap<>();
        try (var parser = yaml.getFactory().createParser(file.toFile())) {
            var documents = yaml.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || !"KafkaUser".equals(document.path("kind").asText())) {
                    continue;
                }
                String name = document.at("/metadata/name").asText();
                List<AclBinding> acls = new ArrayList<>();
                for (JsonNode acl : document.at("/spec/authorization/acls")) {
                    String type = acl.at("/resource/type").asText();
                    ResourcePattern resource = new ResourcePattern(ResourceType.valueOf(kafkaName(type)),
                            type.equals("cluster") ? "kafka-cluster" : acl.at("/resource/name").asText(),
                            // Strimzi's "prefix" is Kafka's PREFIXED
                            acl.at("/resource/patternType").asText("literal").equals("prefix") ? PatternType.PREFIXED
                                    : PatternType.LITERAL);
                    for (JsonNode operation : acl.path("operations")) {
                        acls.add(new AclBinding(resource, new AccessControlEntry("User:" + name, acl.path("host").asText("*"),
                                AclOperation.valueOf(kafkaName(operation.asText())),
                                AclPermissionType.valueOf(kafkaName(acl.path("type").asText("allow"))))));
                    }
                }
                users.put(name, new User(name, acls));
            }
        }
        return new KafkaSecurity(users);
    }

    /** The broker's settings for a SASL listener with these logins and an authorizer that denies what no ACL allows. */
    static List<String> brokerSettings(String listener) {
        return List.of(
                "sasl.enabled.mechanisms=" + MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
                "listener.name." + listener.toLowerCase(Locale.ROOT) + ".scram-sha-512.sasl.jaas.config=" + jaas(ADMIN, adminPassword()),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                // the controller listener stays plain, its principal is ANONYMOUS
                "super.users=User:" + ADMIN + ";User:ANONYMOUS",
                "allow.everyone.if.no.acl.found=false");
    }

    /** The storage-format argument that creates the super user's credentials before the first start. */
    static String adminScramArgument() {
        return MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword() + "]";
    }

    /** A client's settings to log in as the super user (the launcher, its tools and tests). */
    static Map<String, String> adminClientSettings() {
        return clientSettings(ADMIN, adminPassword());
    }

    /** The environment that makes a service's Kafka clients log in as the user of its name, as in the manifests. */
    Map<String, String> serviceEnvironment(String service) {
        User user = users.get(service);
        if (user == null) {
            throw new IllegalStateException("the manifests have no KafkaUser " + service);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("KAFKA_SASL_MECHANISM", MECHANISM);
        environment.put("KAFKA_SASL_JAAS_CONFIG", jaas(user.name(), user.password()));
        return environment;
    }

    /** Creates every user's login and grants its ACLs, as Strimzi's User Operator would. */
    void apply(Admin admin) throws Exception {
        List<UserScramCredentialUpsertion> logins = users.values().stream()
                .map(user -> new UserScramCredentialUpsertion(user.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user.password())).toList();
        admin.alterUserScramCredentials(List.copyOf(logins)).all().get();
        admin.createAcls(users.values().stream().flatMap(user -> user.acls().stream()).toList()).all().get();
    }

    static Map<String, String> clientSettings(String user, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
        return settings;
    }

    /** Strimzi's spelling of a Kafka enum constant to Kafka's: topic → TOPIC, DescribeConfigs → DESCRIBE_CONFIGS. */
    private static String kafkaName(String strimzi) {
        return strimzi.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static String adminPassword() {
        return ADMIN + "-local";
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
