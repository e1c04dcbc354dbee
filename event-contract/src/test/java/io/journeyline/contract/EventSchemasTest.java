package io.journeyline.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.event.*;
import io.journeyline.contract.vocabulary.*;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemasTest {
    private static final EventSchemas SCHEMAS = EventSchemas.load();

    /** One realistic instance of every contract record: the records and the schemas must agree. */
    static final List<JourneyEvent> SAMPLES = List.of(
            new TouchpointRecorded("c-1", Channel.WEB, "checkout.payment", "purchase", TouchpointOutcome.SUCCESS, "payments", 1200L, null,
                    null, Map.of("email", "a@example.com"), Map.of("orderId", "o-9")),
            new SurveyResponded("c-1", "s-1", SurveyKind.NPS, "r-1", Map.of("primary", 9.0), null, null, "fine", 0.4,
                    Map.of("TRUST", 4.0), Map.of("RELIABILITY", 3.5), "billing", "inv-1", 2),
            new SurveyInvited("c-1", "inv-1", "s-1", SurveyKind.CSAT, Channel.EMAIL, "case-follow-up", "case-1",
                    OffsetDateTime.parse("2026-12-14T09:00:00Z"), null),
            new SurveySuppressed("c-1", "inv-2", "s-1", "intervention", "recontact",
                    "invited to s-1 12 days ago; recontact after 30 days", null, "i-3"),
            new DeliveryRequested("c-1", "inv-1", Channel.EMAIL, "survey-invitation",
                    "https://surveys.example.com/api/v1/responses/abc", null, "zh-CN", null),
            new FeedbackReceived("c-1", "f-1", FeedbackKind.COMPLAINT, FeedbackCategory.BILLING_FEES, Channel.PHONE, "billing",
                    "confusing bill", -0.6, Severity.HIGH, "monthly-bill"),
            new CaseOpened("c-1", "case-1", CaseStatus.RECEIVED, Priority.HIGH, "f-1", "billing", "pp-2"),
            new CaseAcknowledged("c-1", "case-1", CaseStatus.ACKNOWLEDGED),
            new CaseResolved("c-1", "case-1", CaseStatus.RESOLVED, "BILLING_FEES"),
            new CaseClosed("c-1", "case-1", CaseStatus.CLOSED, CaseOutcome.RECOVERED),
            new CaseReopened("c-1", "case-1", CaseStatus.REOPENED, "follow-up NPS 4"),
            new CaseEscalated("c-1", "case-1", CaseStatus.ESCALATED, Priority.CRITICAL, "acknowledge clock breached"),
            new CaseSlaBreached("c-1", "case-1", CaseStatus.RECEIVED, SlaClock.ACKNOWLEDGE, OffsetDateTime.parse("2026-11-22T10:00:00+08:00")),
            new EducationAssigned("c-1", "a-1", "wifi-setup", null, "PP-REPEATED-ERRORS", "pp-1", null, "wifi", "i-1"),
            new EducationHeldOut("c-1", "a-2", "PP-REPEATED-ERRORS", "pp-1", "wifi", "i-2"),
            new EducationStarted("c-1", "a-1", "wifi-setup", null, "PP-REPEATED-ERRORS", "pp-1", null),
            new EducationCompleted("c-1", "a-1", null, "path-onboarding", "PP-NEW-CUSTOMER", null, 90.0, "onboarding"),
            new EducationDroppedOut("c-1", "a-1", "wifi-setup", null, "PP-REPEATED-ERRORS", null, null),
            new EducationRequested("c-1", "i-1", "pp-1", "setup.wifi", "PP-REPEATED-ERRORS", "PROBLEM_SOLVING", "PP-REPEATED-ERRORS"),
            new CaseRequested("c-1", "i-2", "pp-2", Severity.HIGH, "PP-DETRACTOR", List.of("e-1"), "billing", Priority.HIGH, "app"),
            new SurveyRequested("c-1", "i-3", SurveyKind.CSAT, "follow-up", null, "case-1", "billing"),
            new StageChanged("c-1", Stage.PURCHASE, Stage.ONBOARDING, "e-7"),
            new PainPointDetected("c-1", "pp-1", "PP-REPEATED-ERRORS", 1, Severity.NORMAL, List.of("e-1", "e-2", "e-3"), "setup.wifi", null),
            new PainPointResolved("c-1", "pp-1", "education-completed", "PP-REPEATED-ERRORS"),
            new ConsentChanged("c-1", "survey", "email", false),
            new CustomerConsentChanged("c-1", List.of(new CustomerConsentChanged.Consent("survey", "email", false),
                    new CustomerConsentChanged.Consent("education", "any", true))),
            new ContentGapDetected("refund-policy", "MISUNDERSTANDING", 5, OffsetDateTime.parse("2026-11-01T09:00:00Z"),
                    OffsetDateTime.parse("2026-11-06T17:00:00Z"), List.of("c-1", "c-2", "c-3", "c-4", "c-5"),
                    List.of("e-1", "e-2", "e-3", "e-4", "e-5"), "pp-9"),
            new ErasureRequested("c-1", "er-1", "the customer asked (GDPR art. 17)", List.of("c-1", "c-2")),
            new ErasureCompleted("er-1", "survey-service", "0".repeat(64), Map.of("survey_responses", 2L, "invitations", 3L),
                    OffsetDateTime.parse("2026-12-05T10:00:00Z")),
            new DeliveryCancelled("c-1", "erasure", "er-1"));

    @Test
    void everyContractRecordProducesDataItsSchemaAccepts() {
        assertThat(SAMPLES).extracting(EventType::of).containsExactlyInAnyOrder(EventType.values());
        for (JourneyEvent sample : SAMPLES) {
            assertThat(SCHEMAS.validate(envelope(EventType.of(sample).type(), data(sample))))
                    .as(sample.getClass().getSimpleName()).isEmpty();
        }
    }

    @Test
    void anAggregateEventCarriesNoCustomerId() {
        JourneyEvent gap = SAMPLES.stream().filter(ContentGapDetected.class::isInstance).findFirst().orElseThrow();
        assertThat(data(gap).has("customerId")).isFalse();
        assertThat(((AggregateEvent) gap).aggregateKey()).isEqualTo("topic:refund-policy");
    }

    @Test
    void namesEveryMissingAndInvalidField() {
        ObjectNode data = data(SAMPLES.get(0));
        data.remove("touchpoint");
        data.put("channel", "pigeon");
        data.put("durationMs", "long");

        assertThat(SCHEMAS.validate(envelope("io.journeyline.touchpoint.recorded", data)))
                .extracting(Violation::field)
                .containsExactly("data.channel", "data.durationMs", "data.touchpoint");
    }

    @Test
    void rejectsEnvelopeWithoutIdentityOrTimeAndWithABadTime() {
        ObjectNode event = envelope("io.journeyline.touchpoint.recorded", data(SAMPLES.get(0)));
        event.remove("id");
        event.put("time", "yesterday");

        assertThat(SCHEMAS.validate(event)).extracting(Violation::field).containsExactly("id", "time");
    }

    @Test
    void rejectsUnknownTypeAndSubjectThatIsNotTheCustomer() {
        assertThat(SCHEMAS.validate(envelope("com.example.unknown", data(SAMPLES.get(0)))))
                .containsExactly(new Violation("type", "unknown event type 'com.example.unknown'"));

        ObjectNode event = envelope("io.journeyline.touchpoint.recorded", data(SAMPLES.get(0)));
        event.put("subject", "someone-else");
        assertThat(SCHEMAS.validate(event)).extracting(Violation::field).containsExactly("subject");
    }

    @Test
    void keepsUnknownExtraFieldsValid() {
        ObjectNode data = data(SAMPLES.get(0));
        data.put("loyaltyTier", "gold");
        ObjectNode event = envelope("io.journeyline.touchpoint.recorded", data);
        event.put("traceparent", "00-abc-def-01");

        assertThat(SCHEMAS.validate(event)).isEmpty();
    }

    @Test
    void educationNeedsContentOrPath() {
        ObjectNode data = data(SAMPLES.stream().filter(EducationAssigned.class::isInstance).findFirst().orElseThrow());
        data.remove("contentId");
        assertThat(SCHEMAS.validate(envelope("io.journeyline.education.assigned", data))).isNotEmpty();
    }

    @Test
    void everyTypeHasASchemaAndATopicOfTheContract() {
        assertThat(Arrays.stream(EventType.values()).flatMap(type -> type.topics().stream())).allMatch(Topics.ALL::contains);
        assertThat(Arrays.stream(EventType.values()).map(t -> getClass().getClassLoader().getResource(t.schemaResource())))
                .doesNotContainNull();
    }

    @Test
    void aReceiptNamesTheCustomerOnlyByAnHmac() {
        ObjectNode data = data(SAMPLES.stream().filter(ErasureCompleted.class::isInstance).findFirst().orElseThrow());
        assertThat(data.has("customerId")).isFalse();
        data.put("customerHmac", "c-1");
        assertThat(SCHEMAS.validate(envelope("io.journeyline.privacy.erasure-completed", data)))
                .extracting(Violation::field).containsExactly("data.customerHmac");
    }

    @Test
    void eachServicePublishesItsReceiptOnItsOwnTopic() {
        assertThat(EventType.ERASURE_COMPLETED.topicFor("survey-service")).isEqualTo(Topics.FEEDBACK);
        assertThat(EventType.ERASURE_COMPLETED.topicFor("education-service")).isEqualTo(Topics.EDUCATION);
        assertThat(EventType.ERASURE_COMPLETED.belongsOn(Topics.INSIGHTS)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventType.ERASURE_COMPLETED.topicFor("journey-service"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static ObjectNode data(JourneyEvent event) {
        return EventJson.mapper().valueToTree(event);
    }

    static ObjectNode envelope(String type, JsonNode data) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", "e-1");
        event.put("source", "/test/shop");
        event.put("type", type);
        event.put("time", "2026-11-22T09:30:00+08:00");
        if (data.hasNonNull("customerId")) {
            event.put("subject", data.get("customerId").asText());
        }
        event.set("data", data);
        return event;
    }
}
