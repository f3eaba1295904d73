package fr.nogentech.events.functions;

import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.local.SampleEvents;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The authorizer as Lambda runs it, replaying the payloads of events/. */
class AuthorizeAdminHandlerTest {

    @Test
    void namesTheAdministratorOfAKnownToken() {
        try (AuthorizeAdminHandler handler = handler(AdminTokens.entry("alice", SampleEvents.SAMPLE_TOKEN))) {
            assertEquals(Map.of("isAuthorized", true, "context", Map.of("admin", "alice")),
                    handler.handleRequest(SampleEvents.authorizerEvent("authorize-admin.json"), null));
        }
    }

    @Test
    void refusesAnUnknownOrRevokedToken() {
        try (AuthorizeAdminHandler handler = handler(AdminTokens.entry("alice", SampleEvents.SAMPLE_TOKEN))) {
            assertEquals(Map.of("isAuthorized", false),
                    handler.handleRequest(SampleEvents.authorizerEvent("authorize-admin-unknown-token.json"), null));
        }
        // Revoked: the pair was removed from the configuration.
        try (AuthorizeAdminHandler handler = handler(AdminTokens.entry("bob", AdminTokens.newToken()))) {
            assertEquals(Map.of("isAuthorized", false),
                    handler.handleRequest(SampleEvents.authorizerEvent("authorize-admin.json"), null));
        }
    }

    private static AuthorizeAdminHandler handler(String hashes) {
        return new AuthorizeAdminHandler(new LambdaApplicationContextBuilder().properties(
                Map.of("admin.token.hashes", hashes)));
    }
}
