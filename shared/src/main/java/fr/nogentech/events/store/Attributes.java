package fr.nogentech.events.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** The attribute values the stores write: one spelling of a string and of a number for every store. */
final class Attributes {

    private Attributes() {}

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** An item as DynamoDB's JSON protocol writes it ({@code {"id": {"S": "..."}}}): the dry run's canned answers. */
    static ObjectNode json(Map<String, AttributeValue> item) {
        ObjectNode json = Json.object();
        item.forEach((name, value) -> json.set(name, json(value)));
        return json;
    }

    private static ObjectNode json(AttributeValue value) {
        ObjectNode json = Json.object();
        switch (value.type()) {
            case S -> json.put("S", value.s());
            case N -> json.put("N", value.n());
            case BOOL -> json.put("BOOL", value.bool());
            case NUL -> json.put("NULL", true);
            case M -> json.set("M", json(value.m()));
            case L -> value.l().forEach(element -> json.withArray("L").add(json(element)));
            case SS -> value.ss().forEach(element -> json.withArray("SS").add(element));
            default -> throw new IllegalArgumentException("not in the stores' items: " + value.type());
        }
        if (value.type() == AttributeValue.Type.L && value.l().isEmpty()) {
            json.putArray("L");
        }
        return json;
    }
}
