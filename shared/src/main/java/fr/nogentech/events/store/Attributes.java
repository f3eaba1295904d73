package fr.nogentech.events.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The attribute values the stores write: one spelling of a string and of a number for every store. */
final class Attributes {

    private Attributes() {}

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
