package io.journeyline.contract;

import io.journeyline.contract.event.*;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every CloudEvents {@code type} of the contract: its topic, the record that carries its data and the
 * JSON Schema that validates it ({@code schemas/<type>.json} on the classpath).
 */
public enum EventType {
    TOUCHPOINT_RECORDED("io.journeyline.touchpoint.recorded", Topics.TOUCHPOINTS, TouchpointRecorded.class),
    CONSENT_CHANGED("io.journeyline.consent.changed", Topics.TOUCHPOINTS, ConsentChanged.class),
    SURVEY_RESPONDED("io.journeyline.survey.responded", Topics.FEEDBACK, SurveyResponded.class),
    SURVEY_INVITED("io.journeyline.survey.invited", Topics.FEEDBACK, SurveyInvited.class),
    SURVEY_SUPPRESSED("io.journeyline.survey.suppressed", Topics.FEEDBACK, SurveySuppressed.class),
    FEEDBACK_RECEIVED("io.journeyline.feedback.received", Topics.FEEDBACK, FeedbackReceived.class),
    CASE_OPENED("io.journeyline.case.opened", Topics.FEEDBACK, CaseOpened.class),
    CASE_ACKNOWLEDGED("io.journeyline.case.acknowledged", Topics.FEEDBACK, CaseAcknowledged.class),
    CASE_RESOLVED("io.journeyline.case.resolved", Topics.FEEDBACK, CaseResolved.class),
    CASE_CLOSED("io.journeyline.case.closed", Topics.FEEDBACK, CaseClosed.class),
    CASE_REOPENED("io.journeyline.case.reopened", Topics.FEEDBACK, CaseReopened.class),
    CASE_ESCALATED("io.journeyline.case.escalated", Topics.FEEDBACK, CaseEscalated.class),
    CASE_SLA_BREACHED("io.journeyline.case.sla-breached", Topics.FEEDBACK, CaseSlaBreached.class),
    EDUCATION_ASSIGNED("io.journeyline.education.assigned", Topics.EDUCATION, EducationAssigned.class),
    EDUCATION_HELD_OUT("io.journeyline.education.held-out", Topics.EDUCATION, EducationHeldOut.class),
    EDUCATION_STARTED("io.journeyline.education.started", Topics.EDUCATION, EducationStarted.class),
    EDUCATION_COMPLETED("io.journeyline.education.completed", Topics.EDUCATION, EducationCompleted.class),
    EDUCATION_DROPPED_OUT("io.journeyline.education.dropped-out", Topics.EDUCATION, EducationDroppedOut.class),
    EDUCATION_REQUESTED("io.journeyline.intervention.education-requested", Topics.INTERVENTIONS, EducationRequested.class),
    CASE_REQUESTED("io.journeyline.intervention.case-requested", Topics.INTERVENTIONS, CaseRequested.class),
    SURVEY_REQUESTED("io.journeyline.intervention.survey-requested", Topics.INTERVENTIONS, SurveyRequested.class),
    STAGE_CHANGED("io.journeyline.journey.stage-changed", Topics.INSIGHTS, StageChanged.class),
    PAIN_POINT_DETECTED("io.journeyline.journey.pain-point-detected", Topics.INSIGHTS, PainPointDetected.class),
    PAIN_POINT_RESOLVED("io.journeyline.journey.pain-point-resolved", Topics.INSIGHTS, PainPointResolved.class),
    CUSTOMER_CONSENT_CHANGED("io.journeyline.journey.consent-changed", Topics.INSIGHTS, CustomerConsentChanged.class),
    CONTENT_GAP_DETECTED("io.journeyline.journey.content-gap-detected", Topics.INSIGHTS, ContentGapDetected.class),
    DELIVERY_REQUESTED("io.journeyline.delivery.requested", Topics.OUTBOUND, DeliveryRequested.class),
    DELIVERY_CANCELLED("io.journeyline.delivery.cancelled", Topics.OUTBOUND, DeliveryCancelled.class),
    ERASURE_REQUESTED("io.journeyline.privacy.erasure-requested", Topics.INSIGHTS, ErasureRequested.class),
    /** Each service's receipt, on that service's own topic; journey-service records its own and publishes none. */
    ERASURE_COMPLETED("io.journeyline.privacy.erasure-completed", Map.of(
            "survey-service", Topics.FEEDBACK,
            "feedback-service", Topics.FEEDBACK,
            "education-service", Topics.EDUCATION), ErasureCompleted.class);

    private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_RECORD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    private final String type;
    private final String topic;
    private final Map<String, String> topicByPublisher;
    private final Class<? extends JourneyEvent> recordClass;

    EventType(String type, String topic, Class<? extends JourneyEvent> recordClass) {
        this.type = type;
        this.topic = topic;
        this.topicByPublisher = Map.of();
        this.recordClass = recordClass;
    }

    /** A type several services publish, each on its own topic (an erasure's receipts). */
    EventType(String type, Map<String, String> topicByPublisher, Class<? extends JourneyEvent> recordClass) {
        this.type = type;
        this.topic = null;
        this.topicByPublisher = Map.copyOf(topicByPublisher);
        this.recordClass = recordClass;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    /**
     * The one topic events of this type are published on.
     *
     * @throws IllegalStateException for a type each publisher puts on its own topic ({@link #topicFor(String)})
     */
    public String topic() {
        if (topic == null) {
            throw new IllegalStateException(type + " is published on each publisher's own topic: use topicFor");
        }
        return topic;
    }

    /**
     * The topic {@code publisher} (a service's name) publishes events of this type on: the type's one topic, or, for
     * a type each service publishes on its own topic, that service's.
     *
     * @throws IllegalArgumentException when the contract does not let {@code publisher} publish this type
     */
    public String topicFor(String publisher) {
        if (topic != null) {
            return topic;
        }
        String own = topicByPublisher.get(publisher);
        if (own == null) {
            throw new IllegalArgumentException(publisher + " does not publish " + type + " (only "
                    + new java.util.TreeSet<>(topicByPublisher.keySet()) + ")");
        }
        return own;
    }

    /** Every topic events of this type may be published on (one, except for a type each publisher puts on its own). */
    public java.util.Set<String> topics() {
        return topic != null ? java.util.Set.of(topic) : java.util.Set.copyOf(topicByPublisher.values());
    }

    /**
     * Whether events of this type may arrive on {@code topic}: only on a topic the contract gives them, which only
     * their owning service (or, for touchpoints and consent, the company's producers) may write. An event of this
     * type anywhere else is forged or misrouted, and is dead-lettered as {@code wrong-topic}.
     */
    public boolean belongsOn(String topic) {
        return topics().contains(topic);
    }

    /** The record that carries this type's {@code data}. */
    public Class<? extends JourneyEvent> recordClass() {
        return recordClass;
    }

    /** Classpath location of this type's JSON Schema. */
    public String schemaResource() {
        return "schemas/" + type + ".json";
    }

    /** The contract type named {@code type}, if there is one. */
    public static Optional<EventType> fromType(String type) {
        return Optional.ofNullable(type).map(BY_TYPE::get);
    }

    /** The contract type whose data is carried by {@code recordClass}. */
    public static EventType ofRecord(Class<? extends JourneyEvent> recordClass) {
        EventType type = BY_RECORD.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("not a contract event: " + recordClass.getName());
        }
        return type;
    }

    /** Every type published on {@code topic}. */
    public static java.util.List<EventType> onTopic(String topic) {
        return Arrays.stream(values()).filter(type -> type.belongsOn(topic)).toList();
    }

    /** The contract type whose data is {@code event}. */
    public static EventType of(JourneyEvent event) {
        return ofRecord(event.getClass());
    }
}
