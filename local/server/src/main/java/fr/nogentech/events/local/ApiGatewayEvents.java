package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.sun.net.httpserver.HttpExchange;
import fr.nogentech.events.http.Utf8;

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

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Bodies API Gateway passes as text; others (a form post, bytes) arrive base64-encoded. */
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml",
            "application/javascript");

    private ApiGatewayEvents() {
    }

    static APIGatewayV2HTTPEvent event(HttpExchange exchange, SamTemplate.Route route,
                                       Map<String, String> pathParameters)
            throws IOException, PercentDecoding.Malformed {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        List<String> cookies = headers.containsKey("cookie")
                ? List.of(headers.remove("cookie").split(";\\s*"))
                : null;
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
        String contentType = headers.getOrDefault("content-type", "").split(";")[0].trim().toLowerCase(Locale.ROOT);
        // A text body that is not UTF-8 goes base64-encoded, byte for byte, so that the handler sees what came.
        boolean text = (contentType.startsWith("text/") || TEXT_TYPES.contains(contentType)
                || contentType.endsWith("+json") || contentType.endsWith("+xml")) && Utf8.isValid(bytes);
        Instant now = Instant.now();
        String requestId = UUID.randomUUID().toString();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.key())
                .withRawPath(uri.getRawPath())
                .withRawQueryString(rawQuery)
                .withCookies(cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(bytes.length == 0 ? null
                        : text ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes))
                .withIsBase64Encoded(bytes.length > 0 && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId(LocalFunction.ACCOUNT)
                        .withApiId("local")
                        .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                        .withDomainPrefix("local")
                        .withRequestId(requestId)
                        .withRouteKey(route.key())
                        .withStage("$default")
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                                .withPath(uri.getRawPath())
                                .withProtocol(exchange.getProtocol())
                                .withSourceIp(sourceIp)
                                .withUserAgent(headers.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    /** What a Lambda authorizer (payload format 2.0) receives before the request goes to the route. */
    static APIGatewayV2CustomAuthorizerEvent authorizerRequest(APIGatewayV2HTTPEvent event, SamTemplate.Route route,
                                                               List<String> identity) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        return APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0")
                .withType("REQUEST")
                .withRouteArn("arn:aws:execute-api:" + LocalAws.REGION + ":" + LocalFunction.ACCOUNT
                        + ":local/$default/" + route.method() + route.path())
                .withIdentitySource(identity)
                .withRouteKey(event.getRouteKey())
                .withRawPath(event.getRawPath())
                .withRawQueryString(event.getRawQueryString())
                .withCookies(event.getCookies())
                .withHeaders(event.getHeaders())
                .withQueryStringParameters(event.getQueryStringParameters())
                .withPathParameters(event.getPathParameters())
                .withRequestContext(APIGatewayV2CustomAuthorizerEvent.RequestContext.builder()
                        .withAccountId(context.getAccountId())
                        .withApiId(context.getApiId())
                        .withDomainName(context.getDomainName())
                        .withDomainPrefix(context.getDomainPrefix())
                        .withRequestId(context.getRequestId())
                        .withRouteKey(context.getRouteKey())
                        .withStage(context.getStage())
                        .withHttp(APIGatewayV2CustomAuthorizerEvent.Http.builder()
                                .withMethod(context.getHttp().getMethod())
                                .withPath(context.getHttp().getPath())
                                .withProtocol(context.getHttp().getProtocol())
                                .withSourceIp(context.getHttp().getSourceIp())
                                .withUserAgent(context.getHttp().getUserAgent())
                                .build())
                        .build())
                .build();
    }
}
