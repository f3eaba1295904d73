package fr.nogentech.events.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminTokensTest {

    private final String alice = AdminTokens.newToken();
    private final String bob = AdminTokens.newToken();
    private final AdminTokens tokens =
            AdminTokens.parse(AdminTokens.entry("alice", alice) + "," + AdminTokens.entry("bob", bob));

    @Test
    void aKnownTokenNamesItsAdministrator() {
        assertEquals(Optional.of("alice"), tokens.administrator("Bearer " + alice));
        assertEquals(Optional.of("bob"), tokens.administrator("bearer " + bob));
        assertTrue(alice.startsWith("ntk_") && alice.length() == 47);
    }

    @Test
    void missingMalformedUnknownAndRemovedTokensNameNobody() {
        assertEquals(Optional.empty(), tokens.administrator(null));
        assertEquals(Optional.empty(), tokens.administrator(""));
        assertEquals(Optional.empty(), tokens.administrator(alice));
        assertEquals(Optional.empty(), tokens.administrator("Basic " + alice));
        assertEquals(Optional.empty(), tokens.administrator("Bearer "));
        assertEquals(Optional.empty(), tokens.administrator("Bearer <script>"));
        assertEquals(Optional.empty(), tokens.administrator("Bearer " + AdminTokens.newToken()));
        AdminTokens withoutBob = AdminTokens.parse(AdminTokens.entry("alice", alice));
        assertEquals(Optional.empty(), withoutBob.administrator("Bearer " + bob));
    }

    @Test
    void theConfigurationHoldsHashesOnly() {
        String entry = AdminTokens.entry("alice", alice);
        assertFalse(entry.contains(alice));
        assertTrue(entry.matches("alice:[0-9a-f]{64}"));
        assertThrows(IllegalArgumentException.class, () -> AdminTokens.parse("alice:" + alice));
        assertThrows(IllegalArgumentException.class, () -> AdminTokens.parse("Alice Smith:" + "0".repeat(64)));
    }

    @Test
    void theAuthorizerAnswersAsAnHttpApiSimpleResponseAndIgnoresHeaderCase() {
        AdminAuthorizer authorizer = new AdminAuthorizer(tokens);
        assertEquals(
                Map.of("isAuthorized", true, "context", Map.of("admin", "alice")),
                authorizer.authorize(Map.of("Authorization", "Bearer " + alice), "POST /events"));
        assertEquals(Map.of("isAuthorized", false), authorizer.authorize(Map.of(), "POST /events"));
        assertEquals(Map.of("isAuthorized", false), authorizer.authorize(null, "POST /events"));
    }
}
