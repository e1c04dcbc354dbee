package io.journeyline.kubernetes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one service reads from its configuration, judged from its code: the keys its packaged properties set or
 * refer to ({@code ${key:default}}), and its {@code @ConfigMapping} interfaces (and the platform's), which SmallRye
 * Config itself checks — a key under a mapping's prefix that maps to none of its properties, or a value that does not
 * convert, fails as it would when the service starts.
 */
final class ServiceConfiguration {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^:}]+)");
    private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");

    private final String service;
    private final Map<String, String> packaged = new LinkedHashMap<>();
    private final Map<String, String> platform = new LinkedHashMap<>();
    private final Set<String> known = new HashSet<>();
    private final List<Class<?>> mappings = new ArrayList<>();

    private ServiceConfiguration(String service) {
        this.service = service;
    }

    /** {@code service}'s configuration, read from the checkout at {@code root} (its sources and compiled classes). */
    static ServiceConfiguration of(Path root, String service) {
        ServiceConfiguration configuration = new ServiceConfiguration(service);
        configuration.platform.putAll(read(root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties")));
        configuration.packaged.putAll(read(root.resolve(service + "/src/main/resources/application.properties")));
        Stream.of(configuration.platform, configuration.packaged).forEach(properties -> properties.forEach((key, value) -> {
            configuration.known.add(PROFILE.matcher(key).replaceFirst(""));
            Matcher reference = REFERENCE.matcher(value);
            while (reference.find()) {
                configuration.known.add(reference.group(1));
            }
        }));
        configuration.mappings.addAll(mappingsIn(root.resolve("platform/target/classes")));
        configuration.mappings.addAll(mappingsIn(root.resolve(service + "/target/classes")));
        return configuration;
    }

    /** The value the packaged configuration gives {@code key} (a service's own over the platform's), or null. */
    String packagedValue(String key) {
        return packaged.getOrDefault(key, platform.get(key));
    }

    /** The values its packaged properties give {@code mp.messaging.incoming.<channel>.<attribute>}, one per channel. */
    List<String> incoming(String attribute) {
        String channelAttribute = "mp\\.messaging\\.incoming\\.[^.]+\\." + Pattern.quote(attribute);
        return packaged.entrySet().stream().filter(entry -> entry.getKey().matches(channelAttribute))
                .map(Map.Entry::getValue).toList();
    }

    /** The prefixes of the service's configuration mappings (journeyline.consumer, journeyline.cases, …). */
    List<String> mappingPrefixes() {
        return mappings.stream().map(mapping -> mapping.getAnnotation(ConfigMapping.class).prefix()).toList();
    }

    /** What is wrong with these keys and values for this service: one line per problem, none when it would start. */
    List<String> problemsWith(Map<String, String> manifest) {
        List<String> problems = new ArrayList<>();
        List<String> prefixes = mappingPrefixes();
        manifest.keySet().stream()
                .filter(key -> prefixes.stream().noneMatch(prefix -> key.startsWith(prefix + ".")) && !known.contains(key))
                .forEach(key -> problems.add(key + ": " + service + " does not read it"));
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredConverters() // Quarkus' ("100ms", …)
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(platform, "platform", 100))
                .withSources(new PropertiesConfigSource(packaged, service, 250))
                .withSources(new PropertiesConfigSource(manifest, "manifest", 260))
                .withValidateUnknown(true);
        mappings.forEach(builder::withMapping);
        try {
            builder.build();
        } catch (ConfigValidationException invalid) {
            for (int i = 0; i < invalid.getProblemCount(); i++) {
                problems.add(invalid.getProblem(i).getMessage());
            }
        }
        return problems;
    }

    /**
     * The environment variables among {@code names} that configure nothing in this service. A name counts when it is
     * the environment form of a key the service reads, or a Kafka client setting ({@code KAFKA_SASL_JAAS_CONFIG} →
     * {@code sasl.jaas.config}: Quarkus passes {@code KAFKA_*} to every Kafka client), or Quarkus'
     * {@code QUARKUS_CONFIG_LOCATIONS}, which mounts the ConfigMap.
     */
    List<String> unknownEnvironment(Collection<String> names) {
        Set<String> kafkaSettings = new HashSet<>(ProducerConfig.configNames());
        kafkaSettings.addAll(ConsumerConfig.configNames());
        kafkaSettings.addAll(AdminClientConfig.configNames());
        Set<String> keys = new HashSet<>(known);
        mappings.forEach(mapping -> keys.addAll(ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping)).keySet()));
        List<Pattern> environmentForms = keys.stream()
                .map(key -> Pattern.compile(Arrays.stream(key.split("\\*", -1)).map(part -> Pattern.quote(environmentForm(part)))
                        .collect(Collectors.joining("[A-Z0-9_]+")))) // a map's keys: journeyline.cases.sla.*
                .toList();
        return names.stream().filter(name -> !name.equals("QUARKUS_CONFIG_LOCATIONS")
                && environmentForms.stream().noneMatch(form -> form.matcher(name).matches())
                && !(name.startsWith("KAFKA_") && kafkaSettings.contains(name.substring(6).toLowerCase().replace('_', '.'))))
                .toList();
    }

    /** MicroProfile Config's environment form of a key: every other character an underscore, upper case. */
    static String environmentForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    static Map<String, String> parse(String properties) {
        Properties parsed = new Properties();
        try {
            parsed.load(new StringReader(properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        parsed.forEach((key, value) -> map.put((String) key, (String) value));
        return map;
    }

    private static Map<String, String> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Class<?>> mappingsIn(Path classes) {
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(classes + " is missing: build the services first (./mvnw install -DskipTests)");
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class") && !file.getFileName().toString().contains("$"))
                    .map(file -> classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .<Class<?>>map(ServiceConfiguration::load)
                    .filter(type -> type.isAnnotationPresent(ConfigMapping.class))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ServiceConfiguration.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return service + " " + Arrays.toString(mappingPrefixes().toArray());
    }
}
