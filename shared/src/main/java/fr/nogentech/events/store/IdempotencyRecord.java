package fr.nogentech.events.store;

import fr.nogentech.events.crypto.Digests;
import fr.nogentech.events.http.HttpResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static fr.nogentech.events.store.Attributes.n;
import static fr.nogentech.events.store.Attributes.s;

/**
 * What a request carrying an {@code Idempotency-Key} was answered, kept for a day (the table's TTL removes it) so that
 * a retry gets the same answer. Keys belong to the administrator who sent them.
 */
public record IdempotencyRecord(Key key, String requestHash, HttpResponse response, Instant expiresAt) {

    public static final Duration LIFETIME = Duration.ofHours(24);

    /** An administrator's key. */
    public record Key(String admin, String value) {}

    static Map<String, AttributeValue> itemKey(Key key) {
        return Map.of(
                "pk", s("IDEMPOTENCY#" + Digests.sha256Hex(key.admin() + "\n" + key.value())), "sk", s("IDEMPOTENCY"));
    }

    Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>(itemKey(key));
        item.put("requestHash", s(requestHash));
        item.put("status", n(response.status()));
        Map<String, AttributeValue> headers = new HashMap<>();
        response.headers().forEach((name, value) -> headers.put(name, s(value)));
        item.put("headers", AttributeValue.fromM(headers));
        if (response.body() != null) {
            item.put("body", s(response.body()));
        }
        item.put("expiresAt", n(expiresAt.getEpochSecond()));
        return item;
    }

    static IdempotencyRecord fromItem(Key key, Map<String, AttributeValue> item) {
        Map<String, String> headers = new LinkedHashMap<>();
        item.get("headers").m().forEach((name, value) -> headers.put(name, value.s()));
        return new IdempotencyRecord(
                key,
                item.get("requestHash").s(),
                new HttpResponse(
                        Integer.parseInt(item.get("status").n()),
                        headers,
                        item.containsKey("body") ? item.get("body").s() : null),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())));
    }
}
