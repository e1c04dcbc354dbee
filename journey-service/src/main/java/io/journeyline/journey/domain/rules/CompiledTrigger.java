package io.journeyline.journey.domain.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.journey.domain.rules.RuleSetDocument.Trigger;
import io.journeyline.platform.cloudevents.IncomingEvent;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * A trigger ready to match: the event's type is one it names, every {@code where} field equals (the cheap part),
 * and its CEL condition holds. Rules and the stage model match events the same way.
 */
public record CompiledTrigger(Trigger trigger, RuleCondition condition) {

    public boolean matches(IncomingEvent event, Map<String, Object> params) {
        return evaluate(event, params) == RuleCondition.Outcome.MATCHED;
    }

    /** Whether the event matches; {@link RuleCondition.Outcome#LIMIT_REACHED} when its condition stopped at the limit. */
    public RuleCondition.Outcome evaluate(IncomingEvent event, Map<String, Object> params) {
        if (!trigger.types().contains(event.type().type()) || !whereHolds(event.data())) {
            return RuleCondition.Outcome.NOT_MATCHED;
        }
        return condition == null ? RuleCondition.Outcome.MATCHED : condition.evaluate(event, params);
    }

    private boolean whereHolds(JsonNode data) {
        if (trigger.where() == null) {
            return true;
        }
        for (Map.Entry<String, Object> field : trigger.where().entrySet()) {
            JsonNode value = data.get(field.getKey());
            if (value == null || value.isNull() || !equal(value, field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean equal(JsonNode value, Object expected) {
        if (expected instanceof Number number) {
            return value.isNumber() && value.decimalValue().compareTo(new BigDecimal(number.toString())) == 0;
        }
        if (expected instanceof Boolean bool) {
            return value.isBoolean() && value.booleanValue() == bool;
        }
        return value.isTextual() && value.textValue().equals(Objects.toString(expected));
    }
}
