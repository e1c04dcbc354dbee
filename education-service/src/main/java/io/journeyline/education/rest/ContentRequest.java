package io.journeyline.education.rest;

import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.Stage;
import io.journeyline.education.domain.catalog.Content;
import io.journeyline.education.domain.catalog.ContentKind;
import io.journeyline.education.domain.catalog.ContentLevel;
import io.journeyline.platform.validation.OneOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A content item as an admin describes it. {@code title}: per language (BCP 47 tag → text); {@code topics}: the
 * topics or product features it is about; {@code reviewBy}: when it must be reviewed at the latest.
 */
public record ContentRequest(
        @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,63}$") String id,
        @NotBlank @OneOf(ContentKind.class) String kind,
        @NotBlank @OneOf(ContentLevel.class) String level,
        @NotEmpty @Size(max = 20) Map<@Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$") String,
                @NotBlank @Size(max = 300) String> title,
        @Size(max = 2000) String url,
        @NotEmpty @Size(max = 30) List<@NotBlank @Size(max = 100) String> topics,
        @Size(max = 9) List<@OneOf(Stage.class) String> stages,
        @NotEmpty @Size(max = 20) List<@Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$") String> languages,
        @NotEmpty @Size(max = 9) List<@OneOf(Channel.class) String> channels,
        @Min(1) @Max(600) int durationMinutes,
        @NotBlank @Size(max = 100) String owner,
        LocalDate reviewBy) {

    /** The request as content to store (id, version and times are the service's). */
    Content toContent() {
        return new Content(id, kind, level, title, url, List.copyOf(topics), stages == null ? List.of() : List.copyOf(stages),
                List.copyOf(languages), List.copyOf(channels), durationMinutes, owner, reviewBy, 0, null, null);
    }
}
