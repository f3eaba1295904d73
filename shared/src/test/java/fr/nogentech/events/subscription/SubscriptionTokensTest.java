package fr.nogentech.events.subscription;

import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.subscription.SubscriptionTokens.Purpose;
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
    private static final String OLD = "the-old-subscription-secret-0123456789";
    private static final String NEW = "the-new-subscription-secret-abcdefghij";
    // Issued under OLD by the code before tokens named their key, for marie.dupont@example.org at NOW
    private static final String LEGACY_UNSUBSCRIBE =
            "u.1f69c376f615f5ae6c5092e0a15b6e6af8c6812b34dd59e83a1f6fb5b325d4c8.0.iRxt-ZZ7QAUyHCFBev1GU8ts2oA";
    private static final String LEGACY_CONFIRM = "c.1f69c376f615f5ae6c5092e0a15b6e6af8c6812b34dd59e83a1f6fb5b325d4c8"
            + ".1694167200.Kyz3w56b1MOw4ScRSnLCFYi_ZDc";

    private final SubscriptionTokens beforeRotation = new SubscriptionTokens(SigningKeys.of(OLD, "old"));
    private final SubscriptionTokens duringRotation =
            new SubscriptionTokens(SigningKeys.of(NEW, "new").withPrevious(OLD, "old"));
    private final SubscriptionTokens afterRotation = new SubscriptionTokens(SigningKeys.of(NEW, "new"));
    private final SubscriptionTokens tokens = new SubscriptionTokens("a-subscription-secret-of-32-chars-or-more");
    private final EmailAddress address = EmailAddress.parse("Marie.Dupont@Example.org", "email");

    @Test
    void aConfirmationTokenNamesTheAddressHashForSevenDays() {
        String token = tokens.confirmation(address, NOW);
        assertFalse(token.contains("marie"), "no address in links");
        assertEquals(Optional.of(address.hash()), tokens.verify(token, SubscriptionTokens.Purpose.CONFIRM, NOW));
        assertEquals(
                Optional.of(address.hash()),
                tokens.verify(token, SubscriptionTokens.Purpose.CONFIRM, NOW.plus(Duration.ofDays(7))));
        assertTrue(
                tokens.verify(token, SubscriptionTokens.Purpose.CONFIRM, NOW.plus(Duration.ofDays(8)))
                        .isEmpty(),
                "expired");
    }

    @Test
    void forgedTamperedForeignAndMisusedTokensNameNobody() {
        String confirm = tokens.confirmation(address, NOW);
        String unsubscribe = tokens.unsubscribe(address.hash());
        assertTrue(
                tokens.verify(unsubscribe, SubscriptionTokens.Purpose.UNSUBSCRIBE, NOW.plus(Duration.ofDays(3650)))
                        .isPresent(),
                "unsubscribe links do not expire");
        assertTrue(tokens.verify(confirm, SubscriptionTokens.Purpose.UNSUBSCRIBE, NOW)
                .isEmpty());
        assertTrue(tokens.verify(unsubscribe, SubscriptionTokens.Purpose.CONFIRM, NOW)
                .isEmpty());
        String otherHash = EmailAddress.parse("someone@else.org", "email").hash();
        assertTrue(
                tokens.verify(
                                unsubscribe.replace(address.hash(), otherHash),
                                SubscriptionTokens.Purpose.UNSUBSCRIBE,
                                NOW)
                        .isEmpty(),
                "tampered");
        assertTrue(
                tokens.verify(
                                confirm.replaceFirst("\\.\\d+\\.", ".9999999999."),
                                SubscriptionTokens.Purpose.CONFIRM,
                                NOW)
                        .isEmpty(),
                "a pushed-back expiry");
        assertTrue(
                new SubscriptionTokens("another-subscription-secret-of-32-chars")
                        .verify(unsubscribe, SubscriptionTokens.Purpose.UNSUBSCRIBE, NOW)
                        .isEmpty(),
                "another key");
        for (String junk : new String[] {null, "", "u", "u.x.0.y", "u.." + address.hash() + ".0.%%%"}) {
            assertTrue(
                    tokens.verify(junk, SubscriptionTokens.Purpose.UNSUBSCRIBE, NOW)
                            .isEmpty(),
                    junk);
        }
    }

    @Test
    void tokensSignedWithTheOldKeyVerifyWhileItIsThePreviousKeyAndNotOnceItIsDropped() {
        String unsubscribe = beforeRotation.unsubscribe(address.hash());
        String confirm = beforeRotation.confirmation(address, NOW);

        assertEquals(Optional.of(address.hash()), duringRotation.verify(unsubscribe, Purpose.UNSUBSCRIBE, NOW));
        assertEquals(Optional.of(address.hash()), duringRotation.verify(confirm, Purpose.CONFIRM, NOW));
        assertTrue(
                duringRotation
                        .verify(confirm, Purpose.CONFIRM, NOW.plus(Duration.ofDays(8)))
                        .isEmpty(),
                "expired");

        assertTrue(afterRotation.verify(unsubscribe, Purpose.UNSUBSCRIBE, NOW).isEmpty());
        assertTrue(afterRotation.verify(confirm, Purpose.CONFIRM, NOW).isEmpty());
    }

    @Test
    void tokensSignedDuringRotationUseTheNewKey() {
        String unsubscribe = duringRotation.unsubscribe(address.hash());
        String confirm = duringRotation.confirmation(address, NOW);

        assertEquals(Optional.of(address.hash()), duringRotation.verify(unsubscribe, Purpose.UNSUBSCRIBE, NOW));
        assertEquals(Optional.of(address.hash()), afterRotation.verify(unsubscribe, Purpose.UNSUBSCRIBE, NOW));
        assertEquals(Optional.of(address.hash()), afterRotation.verify(confirm, Purpose.CONFIRM, NOW));
        assertTrue(beforeRotation.verify(unsubscribe, Purpose.UNSUBSCRIBE, NOW).isEmpty(), "not signed by OLD");
    }

    @Test
    void aTokenNamingAKeyThatIsNotConfiguredNamesNobody() {
        String foreign = new SubscriptionTokens("a-third-subscription-secret-0123456789").unsubscribe(address.hash());
        assertTrue(duringRotation.verify(foreign, Purpose.UNSUBSCRIBE, NOW).isEmpty());
    }

    @Test
    void aTokenWhoseKeyIdWasChangedOrRemovedNamesNobody() {
        String signedByNew = duringRotation.unsubscribe(address.hash());
        String newId = signedByNew.split("\\.")[1];
        String oldId = beforeRotation.unsubscribe(address.hash()).split("\\.")[1];
        assertFalse(newId.equals(oldId), "each key has its own id");

        for (String tampered : new String[] {
            signedByNew.replace("." + newId + ".", "." + oldId + "."),
            signedByNew.replace("." + newId + ".", ".AAAAAAAA."),
            signedByNew.replace("." + newId + ".", ".."),
            signedByNew.replace("." + newId + ".", ".")
        }) {
            assertTrue(duringRotation.verify(tampered, Purpose.UNSUBSCRIBE, NOW).isEmpty(), tampered);
        }
    }

    @Test
    void tokensMailedBeforeTokensNamedTheirKeyVerifyUnderTheCurrentOrThePreviousKey() {
        for (SubscriptionTokens keys : new SubscriptionTokens[] {beforeRotation, duringRotation}) {
            assertEquals(
                    Optional.of(address.hash()),
                    keys.verify(LEGACY_UNSUBSCRIBE, Purpose.UNSUBSCRIBE, NOW.plus(Duration.ofDays(3650))));
            assertEquals(Optional.of(address.hash()), keys.verify(LEGACY_CONFIRM, Purpose.CONFIRM, NOW));
            assertTrue(
                    keys.verify(LEGACY_CONFIRM, Purpose.CONFIRM, NOW.plus(Duration.ofDays(8)))
                            .isEmpty(),
                    "expired");
            assertTrue(keys.verify(LEGACY_CONFIRM, Purpose.UNSUBSCRIBE, NOW).isEmpty(), "wrong purpose");
            assertTrue(
                    keys.verify(LEGACY_CONFIRM.replace(".1694167200.", ".9999999999."), Purpose.CONFIRM, NOW)
                            .isEmpty(),
                    "a pushed-back expiry");
        }
        assertTrue(afterRotation
                .verify(LEGACY_UNSUBSCRIBE, Purpose.UNSUBSCRIBE, NOW)
                .isEmpty());
        assertTrue(afterRotation.verify(LEGACY_CONFIRM, Purpose.CONFIRM, NOW).isEmpty());
    }

    @Test
    void addressesAreCheckedAndNormalized() {
        assertEquals("marie.dupont@example.org", address.value());
        assertEquals(64, address.hash().length());
        assertFalse(address.toString().contains("marie"), "addresses stay out of logs");
        for (String bad : new String[] {
            null,
            "",
            "marie",
            "marie@",
            "@example.org",
            "marie@example",
            "a b@c.fr",
            "marie..d@example.org",
            "x".repeat(250) + "@example.org"
        }) {
            ProblemException e = assertThrows(ProblemException.class, () -> EmailAddress.parse(bad, "email"), bad);
            assertEquals(400, e.problem().status());
            assertEquals("email", e.problem().extensions().get("field"));
        }
    }
}
