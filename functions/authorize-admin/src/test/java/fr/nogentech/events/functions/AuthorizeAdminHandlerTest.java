package fr.nogentech.events.functions;

import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.SampleEvents;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The authorizer as Lambda runs it, replaying the payloads of events/. */
class AuthorizeAdminHandlerTest {

    @Test
    void namesTheAdministratorOfAKnownToken() {
        try (AuthorizeAdminHandler handler = handler(AdminTokens.entry("alice", SampleEvents.SAMPLE_TOKEN))) {
            assertEquals(
                    Map.of("isAuthorized", true, "context", Map.of("admin", "alice")),
                    run(handler, SampleEvents.event("authorize-admin.json")));
        }
    }

    @Test
    void refusesAnUnknownOrRevokedToken() {
        try (AuthorizeAdminHandler handler = handler(AdminTokens.entry("alice", SampleEvents.SAMPLE_TOKEN))) {
            assertEquals(
                    Map.of("isAuthorized", false),
                    run(handler, SampleEvents.event("authorize-admin-unknown-token.json")));
        }
        // Revoked: the pair was removed from the configuration.
        try (AuthorizeAdminHandler handler = handler(AdminTokens.entry("bob", AdminTokens.newToken()))) {
            assertEquals(Map.of("isAuthorized", false), run(handler, SampleEvents.event("authorize-admin.json")));
        }
    }

    private static AuthorizeAdminHandler handler(String hashes) {
        return new AuthorizeAdminHandler(FunctionHandler.configured(Map.of(ConfigKeys.ADMIN_TOKEN_HASHES, hashes)));
    }

    /** Runs the function as Lambda does, on the event as JSON, and reads its answer as a map. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(AuthorizeAdminHandler handler, Object event) {
        return Json.MAPPER.convertValue(handler.invoke(Json.MAPPER.valueToTree(event), null), Map.class);
    }
}
