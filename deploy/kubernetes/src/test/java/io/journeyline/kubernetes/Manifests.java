package io.journeyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The rendered objects of one overlay, and the tools that render and validate them (deploy/kubernetes/tools.sh
 * installs them into target/tools).
 */
record Manifests(String overlay, List<JsonNode> objects) {
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path ROOT = MODULE.resolve("../..").normalize();
    static final Path TOOLS = MODULE.resolve("target/tools");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What a command printed (standard output and error together) and how it ended. */
    record Run(int exitCode, String output) {
    }

    static Run run(Path directory, String... command) {
        try {
            Path output = Files.createTempFile(MODULE.resolve("target"), "run", ".txt");
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took over 5 minutes");
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Run(process.exitValue(), printed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Renders {@code overlay} with {@code kubectl} into target/rendered/&lt;overlay&gt;.yaml and reads it back. */
    static Manifests render(String kubectl, String overlay) {
        Path file = MODULE.resolve("target/rendered/" + overlay + ".yaml");
        Run rendered = renderTo(kubectl, MODULE.resolve("overlays/" + overlay), file);
        if (rendered.exitCode() != 0) {
            throw new IllegalStateException("kubectl kustomize overlays/" + overlay + " failed:\n" + rendered.output());
        }
        return new Manifests(overlay, parse(file));
    }

    /** Renders a kustomization directory to {@code file}; the run's output carries kubectl's messages. */
    static Run renderTo(String kubectl, Path directory, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Process process = new ProcessBuilder(kubectl, "kustomize", directory.toString())
                    .redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(2, TimeUnit.MINUTES);
            return new Run(process.exitValue(), errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> parse(Path file) {
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    objects.add(node);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    Path file() {
        return MODULE.resolve("target/rendered/" + overlay + ".yaml");
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(object -> name.equals(name(object))).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** The one container of a Deployment. */
    static JsonNode container(JsonNode deployment) {
        return deployment.at("/spec/template/spec/containers/0");
    }
}
