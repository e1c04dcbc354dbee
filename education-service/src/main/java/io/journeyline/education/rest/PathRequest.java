package io.journeyline.education.rest;

import io.journeyline.contract.vocabulary.Stage;
import io.journeyline.education.domain.paths.LearningPath;
import io.journeyline.platform.validation.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * A learning path as an admin describes it. {@code title}: per language it is offered in (BCP 47 tag → text);
 * {@code topics}: the problems it answers (an education request on one of them gets this path); {@code units}: in
 * the order customers take them, each naming earlier units as prerequisites.
 */
public record PathRequest(
        @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,63}$") String id,
        @NotEmpty @Size(max = 20) Map<@Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$") String,
                @NotBlank @Size(max = 300) String> title,
        @NotEmpty @Size(max = 30) List<@NotBlank @Size(max = 100) String> topics,
        @Size(max = 9) List<@OneOf(Stage.class) String> stages,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull UnitRequest> units,
        @NotBlank @Size(max = 100) String owner) {

    /** One unit: catalog content, and the earlier units (content ids) to complete first. */
    public record UnitRequest(@NotBlank @Size(max = 128) String contentId,
                              @Size(max = 50) List<@NotBlank @Size(max = 128) String> prerequisites) {
    }

    /** The request as a path to store (version and time are the service's). */
    LearningPath toPath() {
        return new LearningPath(id, title, List.copyOf(topics), stages == null ? List.of() : List.copyOf(stages),
                units.stream().map(u -> new LearningPath.Unit(u.contentId(),
                        u.prerequisites() == null ? List.of() : List.copyOf(u.prerequisites()))).toList(),
                owner, 0, null);
    }
}
