package io.journeyline.contract;

/**
 * One way an event breaks the contract.
 *
 * @param field   dotted path of the offending field inside the CloudEvent, e.g. {@code data.channel}
 * @param message what is wrong with it, in words a producer's developer can act on
 */
public record Violation(String field, String message) {
}
