package io.journeyline.contract;

/**
 * The contract's length bounds on text fields, as the JSON Schemas in {@code schemas/} state them ({@code maxLength}),
 * as constants a request record can name in {@code @Size(max = ...)}: a value a service takes over HTTP and puts
 * into an event must fit the event, or every consumer dead-letters the event and it is lost. {@code FieldLimitsTest}
 * holds every schema property of these names to its constant, so the two cannot drift apart.
 */
public final class FieldLimits {
    /** A customer's id ({@code common.json#/$defs/customerId}): also the record key and the CloudEvents subject. */
    public static final int CUSTOMER_ID = 128;
    /**
     * The id of anything the contract names: a case, pain point, intervention, assignment, content, path, survey,
     * response, invitation, feedback item, delivery. Identifiers that no event carries (a team, an assignee) take the
     * same bound.
     */
    public static final int ID = 128;
    /** A {@code reason}: of an intervention, an education decision, a case reopened or escalated. */
    public static final int REASON = 500;
    /** Free text a customer wrote ({@code common.json#/$defs/text}): a complaint, a survey comment. */
    public static final int TEXT = 4000;
    /** A {@code topic}. */
    public static final int TOPIC = 200;
    /** A {@code touchpoint} (the name of an interaction point, e.g. {@code checkout.payment}). */
    public static final int TOUCHPOINT = 200;
    /** A touchpoint's {@code action}. */
    public static final int ACTION = 100;
    /** A resolved case's {@code rootCause}. */
    public static final int ROOT_CAUSE = 64;
    /** A pain-point rule's id. */
    public static final int RULE_ID = 64;
    /** A delivery's {@code link}. */
    public static final int LINK = 2000;

    private FieldLimits() {
    }
}
