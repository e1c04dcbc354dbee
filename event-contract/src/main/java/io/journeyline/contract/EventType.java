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
    DELIVERY_REQUESTED("io.journeyline.delivery.requested", Topics.OUTBOUND, DeliveryRequested.class);

    private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_RECORD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    private final String type;
    private final String topic;
    private final Class<? extends JourneyEvent> recordClass;

    EventType(String type, String topic, Class<? extends JourneyEvent> recordClass) {
        this.type = type;
        this.topic = topic;
        this.recordClass = recordClass;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    /** The topic events of this type are published on. */
    public String topic() {
        return topic;
    }

    /**
     * Whether events of this type may arrive on {@code topic}: only on the topic the contract gives them, which only
     * their owning service (or, for touchpoints and consent, the company's producers) may write. An event of this
     * type anywhere else is forged or misrouted, and is dead-lettered as {@code wrong-topic}.
     */
    public boolean belongsOn(String topic) {
        return this.topic.equals(topic);
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
        return Arrays.stream(values()).filter(type -> type.topic.equals(topic)).toList();
    }

    /** The contract type whose data is {@code event}. */
    public static EventType of(JourneyEvent event) {
        return ofRecord(event.getClass());
    }
}
