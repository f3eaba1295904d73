package fr.nogentech.events.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway's HTTP API events (payload format 2.0) as JSON, to and from the project's own request and response:
 * the one place that knows their shape.
 */
public final class ApiGatewayHttp {

    private ApiGatewayHttp() {}

    /** The request of an event: route, parameters, lower-case headers, the body's bytes, the authorizer's admin. */
    public static HttpRequest request(JsonNode event) {
        Map<String, String> headers = new LinkedHashMap<>();
        strings(event.get("headers")).forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        JsonNode admin = event.at("/requestContext/authorizer/lambda/admin");
        return new HttpRequest(
                event.path("routeKey").asText(null),
                strings(event.get("pathParameters")),
                strings(event.get("queryStringParameters")),
                headers,
                body(event),
                admin.isValueNode() && !admin.isNull() ? admin.asText() : null);
    }

    /** The answer API Gateway turns into the HTTP response. */
    public static ObjectNode response(HttpResponse response) {
        ObjectNode json = Json.object();
        json.put("statusCode", response.status());
        ObjectNode headers = json.putObject("headers");
        response.headers().forEach(headers::put);
        if (response.body() != null) {
            json.put("body", response.body());
        }
        json.put("isBase64Encoded", false);
        return json;
    }

    /** The response an answer stands for: how the development server and the tests read a handler's answer. */
    public static HttpResponse readResponse(JsonNode answer) {
        String body = answer.hasNonNull("body") ? answer.get("body").asText() : null;
        if (body != null && answer.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new HttpResponse(answer.path("statusCode").asInt(200), strings(answer.get("headers")), body);
    }

    /** An event for a route, as API Gateway would send it: for priming, the development server and the tests. */
    public static ObjectNode event(
            String routeKey,
            String path,
            Map<String, String> pathParameters,
            Map<String, String> query,
            Map<String, String> headers,
            String body,
            String admin) {
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        if (!query.isEmpty()) {
            event.set("queryStringParameters", Json.MAPPER.valueToTree(query));
        }
        if (!pathParameters.isEmpty()) {
            event.set("pathParameters", Json.MAPPER.valueToTree(pathParameters));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey);
        context.putObject("http")
                .put("method", routeKey.substring(0, routeKey.indexOf(' ')))
                .put("path", path);
        if (admin != null) {
            context.putObject("authorizer").putObject("lambda").put("admin", admin);
        }
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            object.fields().forEachRemaining(field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    values.put(field.getKey(), field.getValue().asText());
                }
            });
        }
        return values;
    }

    /**
     * The body's bytes. API Gateway never sends a base64 body that does not decode; should one come, it reads as
     * bytes that are not UTF-8, which every body reader refuses with a problem.
     */
    private static byte[] body(JsonNode event) {
        JsonNode body = event.get("body");
        if (body == null || !body.isTextual()) {
            return new byte[0];
        }
        if (event.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body.textValue());
            } catch (IllegalArgumentException e) {
                return new byte[] {(byte) 0xFF};
            }
        }
        return body.textValue().getBytes(StandardCharsets.UTF_8);
    }
}
