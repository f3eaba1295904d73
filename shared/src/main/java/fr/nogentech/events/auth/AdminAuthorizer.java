package fr.nogentech.events.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;

/**
 * The Lambda authorizer's decision, as an HTTP API "simple response": {@code isAuthorized}, and the administrator's
 * name in the context, which the handlers record on the changes they make. Nothing of the token is logged.
 */
public class AdminAuthorizer {

    private static final Logger LOG = LoggerFactory.getLogger(AdminAuthorizer.class);

    private final AdminTokens tokens;

    public AdminAuthorizer(AdminTokens tokens) {
        this.tokens = tokens;
    }

    public Map<String, Object> authorize(Map<String, String> headers, String routeKey) {
        String authorization = header(headers, "authorization");
        return tokens.administrator(authorization)
                .<Map<String, Object>>map(admin -> Map.of("isAuthorized", true, "context", Map.of("admin", admin)))
                .orElseGet(() -> {
                    LOG.info("refused {}: {} token", routeKey, authorization == null ? "no" : "unknown or malformed");
                    return Map.of("isAuthorized", false);
                });
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (header.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                    return header.getValue();
                }
            }
        }
        return null;
    }
}
