package fr.nogentech.events.http;

import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;

import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the domain needs it, adapted once from API Gateway's event (see
 * {@link fr.nogentech.events.lambda.ApiGatewayHttp}): route, parameters, lower-case
 * headers, the body's bytes, and the administrator the authorizer named (null on public routes).
 */
public record HttpRequest(
        String routeKey,
        Map<String, String> pathParameters,
        Map<String, String> query,
        Map<String, String> headers,
        byte[] body,
        String admin) {

    public HttpRequest {
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The administrator the authorizer named; a request without one never came through it (403 problem). */
    public String requireAdmin() {
        if (admin == null) {
            throw Problem.of(ProblemType.NOT_AUTHORIZED, "This route needs an administrator's token.")
                    .toException();
        }
        return admin;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
