package fr.nogentech.events.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the domain needs it, adapted once from API Gateway's event: route, parameters, lower-case
 * headers, the body's bytes, and the administrator the authorizer named (null on public routes).
 */
public record HttpRequest(String routeKey, Map<String, String> pathParameters, Map<String, String> query,
                          Map<String, String> headers, byte[] body, String admin) {

    public HttpRequest {
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static HttpRequest from(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        }
        byte[] body = event.getBody() == null ? new byte[0]
                : event.getIsBase64Encoded() ? base64(event.getBody())
                : event.getBody().getBytes(StandardCharsets.UTF_8);
        String admin = null;
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context != null && context.getAuthorizer() != null && context.getAuthorizer().getLambda() != null) {
            Object name = context.getAuthorizer().getLambda().get("admin");
            admin = name == null ? null : name.toString();
        }
        return new HttpRequest(event.getRouteKey(), event.getPathParameters(), event.getQueryStringParameters(),
                headers, body, admin);
    }

    /**
     * A base64 body, decoded. API Gateway never sends one that does not decode; should one come, it reads as bytes
     * that are not UTF-8, which every body reader refuses with a problem.
     */
    private static byte[] base64(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return new byte[]{(byte) 0xFF};
        }
    }

    /** The administrator the authorizer named; a request without one never came through it (403 problem). */
    public String requireAdmin() {
        if (admin == null) {
            throw Problem.of(ProblemType.NOT_AUTHORIZED, "This route needs an administrator's token.").toException();
        }
        return admin;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
