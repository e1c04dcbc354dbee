package io.journeyline.feedback.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A piece of feedback as an agent or another system submits it. */
public record FeedbackRequest(
        @NotBlank @Size(max = 128) String customerId,
        @NotBlank @Pattern(regexp = "complaint|suggestion|praise|question",
                message = "must be one of complaint, suggestion, praise, question") String kind,
        @NotBlank @Pattern(regexp = "[A-Z][A-Z_]{0,63}",
                message = "must be an upper-case category such as MISUNDERSTANDING or BILLING_FEES") String category,
        @NotBlank @Pattern(regexp = "web|app|email|phone|chat|store|social|sms|other",
                message = "must be one of web, app, email, phone, chat, store, social, sms, other") String channel,
        @Size(max = 200) String topic,
        @Size(max = 4000) String text,
        @Pattern(regexp = "LOW|NORMAL|HIGH|CRITICAL", message = "must be one of LOW, NORMAL, HIGH, CRITICAL") String severity) {
}
