package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import fr.nogentech.events.http.Utf8;
import fr.nogentech.events.json.Json;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The events API Gateway's HTTP API gives Lambda (payload format 2.0): a request, and an authorizer's request. */
final class ApiGatewayEvents {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    /** Bodies API Gateway passes as text; others (a form post, bytes) arrive base64-encoded. */
    private static final Set<String> TEXT_TYPES =
            Set.of("application/json", "application/xml", "application/javascript");

    private ApiGatewayEvents() {}

    static ObjectNode event(HttpExchange exchange, SamTemplate.Route route, Map<String, String> pathParameters)
            throws IOException, PercentDecoding.Malformed {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        List<String> cookies =
                headers.containsKey("cookie") ? List.of(headers.remove("cookie").split(";\\s*")) : null;
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = PercentDecoding.decode(equals < 0 ? pair : pair.substring(0, equals), true, "query");
            String value = equals < 0 ? "" : PercentDecoding.decode(pair.substring(equals + 1), true, "query");
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String contentType =
                headers.getOrDefault("content-type", "").split(";")[0].trim().toLowerCase(Locale.ROOT);
        // A text body that is not UTF-8 goes base64-encoded, byte for byte, so that the handler sees what came.
        boolean text = (contentType.startsWith("text/")
                        || TEXT_TYPES.contains(contentType)
                        || contentType.endsWith("+json")
                        || contentType.endsWith("+xml"))
                && Utf8.isValid(bytes);
        Instant now = Instant.now();
        String requestId = UUID.randomUUID().toString();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", route.key());
        event.put("rawPath", uri.getRawPath());
        event.put("rawQueryString", rawQuery);
        if (cookies != null) {
            event.set("cookies", Json.MAPPER.valueToTree(cookies));
        }
        event.set("headers", Json.MAPPER.valueToTree(headers));
        if (!query.isEmpty()) {
            event.set("queryStringParameters", Json.MAPPER.valueToTree(query));
        }
        if (!pathParameters.isEmpty()) {
            event.set("pathParameters", Json.MAPPER.valueToTree(pathParameters));
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", LocalFunction.ACCOUNT);
        context.put("apiId", "local");
        context.put("domainName", headers.getOrDefault("host", "127.0.0.1"));
        context.put("domainPrefix", "local");
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", uri.getRawPath());
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", sourceIp);
        http.put("userAgent", headers.get("user-agent"));
        context.put("requestId", requestId);
        context.put("routeKey", route.key());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (bytes.length > 0) {
            event.put(
                    "body",
                    text
                            ? new String(bytes, StandardCharsets.UTF_8)
                            : Base64.getEncoder().encodeToString(bytes));
        }
        event.put("isBase64Encoded", bytes.length > 0 && !text);
        return event;
    }

    /** What a Lambda authorizer (payload format 2.0) receives before the request goes to the route. */
    static ObjectNode authorizerRequest(ObjectNode event, SamTemplate.Route route, List<String> identity) {
        ObjectNode request = Json.object();
        request.put("version", "2.0");
        request.put("type", "REQUEST");
        request.put(
                "routeArn",
                "arn:aws:execute-api:" + LocalAws.REGION + ":" + LocalFunction.ACCOUNT + ":local/$default/"
                        + route.method() + route.path());
        request.set("identitySource", Json.MAPPER.valueToTree(identity));
        for (String field : List.of(
                "routeKey",
                "rawPath",
                "rawQueryString",
                "cookies",
                "headers",
                "queryStringParameters",
                "pathParameters")) {
            JsonNode value = event.get(field);
            if (value != null) {
                request.set(field, value.deepCopy());
            }
        }
        ObjectNode context = event.path("requestContext").deepCopy();
        context.remove("time");
        context.remove("timeEpoch");
        request.set("requestContext", context);
        return request;
    }
}
