package fr.nogentech.events.subscription;

import fr.nogentech.events.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionTokensTest {

    private static final Instant NOW = Instant.parse("2023-09-01T10:00:00Z");
    private final SubscriptionTokens tokens = new SubscriptionTokens("a-subscription-secret-of-32-chars-or-more");
    private final EmailAddress address = EmailAddress.parse("Marie.Dupont@Example.org", "email");

    @Test
    void aConfirmationTokenNamesTheAddressHashForSevenDays() {
        String token = tokens.confirmation(address, NOW);
        assertFalse(token.contains("marie"), "no address in links");
        assertEquals(Optional.of(address.hash()), tokens.verify(token, SubscriptionTokens.Purpose.CONFIRM, NOW));
        assertEquals(Optional.of(address.hash()), tokens.verify(token, SubscriptionTokens.Purpose.CONFIRM,
                NOW.plus(Duration.ofDays(7))));
        assertTrue(tokens.verify(token, SubscriptionTokens.Purpose.CONFIRM, NOW.plus(Duration.ofDays(8))).isEmpty(),
                "expired");
    }

    @Test
    void forgedTamperedForeignAndMisusedTokensNameNobody() {
        String confirm = tokens.confirmation(address, NOW);
        String unsubscribe = tokens.unsubscribe(address.hash());
        assertTrue(tokens.verify(unsubscribe, SubscriptionTokens.Purpose.UNSUBSCRIBE, NOW.plus(Duration.ofDays(3650)))
                .isPresent(), "unsubscribe links do not expire");
        assertTrue(tokens.verify(confirm, SubscriptionTokens.Purpose.UNSUBSCRIBE, NOW).isEmpty());
        assertTrue(tokens.verify(unsubscribe, SubscriptionTokens.Purpose.CONFIRM, NOW).isEmpty());
        String otherHash = EmailAddress.parse("someone@else.org", "email").hash();
        assertTrue(tokens.verify(unsubscribe.replace(address.hash(), otherHash), SubscriptionTokens.Purpose.UNSUBSCRIBE,
                NOW).isEmpty(), "tampered");
        assertTrue(tokens.verify(confirm.replaceFirst("\\.\\d+\\.", ".9999999999."), SubscriptionTokens.Purpose.CONFIRM,
                NOW).isEmpty(), "a pushed-back expiry");
        assertTrue(new SubscriptionTokens("another-subscription-secret-of-32-chars").verify(unsubscribe,
                SubscriptionTokens.Purpose.UNSUBSCRIBE, NOW).isEmpty(), "another key");
        for (String junk : new String[]{null, "", "u", "u.x.0.y", "u.." + address.hash() + ".0.%%%"}) {
            assertTrue(tokens.verify(junk, SubscriptionTokens.Purpose.UNSUBSCRIBE, NOW).isEmpty(), junk);
        }
    }

    @Test
    void addressesAreCheckedAndNormalized() {
        assertEquals("marie.dupont@example.org", address.value());
        assertEquals(64, address.hash().length());
        assertFalse(address.toString().contains("marie"), "addresses stay out of logs");
        for (String bad : new String[]{null, "", "marie", "marie@", "@example.org", "marie@example", "a b@c.fr",
                "marie..d@example.org", "x".repeat(250) + "@example.org"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> EmailAddress.parse(bad, "email"), bad);
            assertEquals(400, e.problem().status());
            assertEquals("email", e.problem().extensions().get("field"));
        }
    }
}
