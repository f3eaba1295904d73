package fr.nogentech.events.query;

import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.event.EventKey;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageCursorTest {

    private static final String OLD = "the-old-cursor-secret-0123456789abcdef";
    private static final String NEW = "the-new-cursor-secret-abcdefghijklmnop";
    private static final PageCursor.Position POSITION = new PageCursor.Position(
            Instant.parse("2023-09-01T00:00:00Z"),
            Instant.parse("2024-04-01T00:00:00Z"),
            "rencontres-du-jeudi",
            new EventKey(Instant.parse("2023-11-09T07:30:00Z"), "2023-11-09-x"));
    // POSITION, issued under OLD by the code before cursors named their key
    private static final String LEGACY = "YzEKMjAyMy0wOS0wMVQwMDowMDowMFoKMjAyNC0wNC0wMVQwMDowMDowMFoKcmVuY29udHJl"
            + "cy1kdS1qZXVkaQoyMDIzLTExLTA5VDA3OjMwOjAwWiMyMDIzLTExLTA5LXg.ELgj-VaYKr6byjH27O1_lQ";

    private final PageCursor beforeRotation = new PageCursor(SigningKeys.of(OLD, "old"));
    private final PageCursor duringRotation =
            new PageCursor(SigningKeys.of(NEW, "new").withPrevious(OLD, "old"));
    private final PageCursor afterRotation = new PageCursor(SigningKeys.of(NEW, "new"));

    @Test
    void aCursorSignedWithTheOldKeyIsReadWhileItIsThePreviousKeyAndRefusedOnceItIsDropped() {
        String cursor = beforeRotation.encode(POSITION);
        assertEquals(POSITION, duringRotation.decode(cursor));
        assertRefused(afterRotation, cursor);
    }

    @Test
    void cursorsIssuedDuringRotationUseTheNewKey() {
        String cursor = duringRotation.encode(POSITION);
        assertEquals(POSITION, duringRotation.decode(cursor));
        assertEquals(POSITION, afterRotation.decode(cursor));
        assertRefused(beforeRotation, cursor);
    }

    @Test
    void aCursorNamingAKeyThatIsNotConfiguredIsRefused() {
        assertRefused(duringRotation, new PageCursor("a-third-cursor-secret-0123456789abcdef").encode(POSITION));
    }

    @Test
    void aCursorWhoseKeyIdOrPayloadWasChangedIsRefused() {
        String cursor = duringRotation.encode(POSITION);
        String newId = cursor.substring(0, cursor.indexOf('.'));
        String oldId = beforeRotation.encode(POSITION).substring(0, newId.length());
        assertNotEquals(newId, oldId, "each key has its own id");
        String rest = cursor.substring(newId.length());

        assertRefused(duringRotation, oldId + rest);
        assertRefused(duringRotation, "AAAAAAAA" + rest);
        assertRefused(duringRotation, rest.substring(1));
        String other = duringRotation.encode(new PageCursor.Position(POSITION.from(), null, null, POSITION.after()));
        String otherPayload = other.substring(other.indexOf('.'), other.lastIndexOf('.'));
        assertRefused(duringRotation, newId + otherPayload + cursor.substring(cursor.lastIndexOf('.')));
    }

    @Test
    void cursorsIssuedBeforeCursorsNamedTheirKeyAreReadUnderTheCurrentOrThePreviousKey() {
        assertEquals(POSITION, beforeRotation.decode(LEGACY));
        assertEquals(POSITION, duringRotation.decode(LEGACY));
        assertRefused(afterRotation, LEGACY);
        String payload = new String(
                Base64.getUrlDecoder().decode(LEGACY.substring(0, LEGACY.indexOf('.'))), StandardCharsets.UTF_8);
        String laterEnd = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replace("2024-04-01", "2025-04-01").getBytes(StandardCharsets.UTF_8));
        assertRefused(duringRotation, laterEnd + LEGACY.substring(LEGACY.indexOf('.')));
    }

    private static void assertRefused(PageCursor cursors, String cursor) {
        Problem forged = assertThrows(ProblemException.class, () -> cursors.decode("not-a-cursor"))
                .problem();
        assertEquals(
                forged,
                assertThrows(ProblemException.class, () -> cursors.decode(cursor))
                        .problem(),
                cursor);
    }
}
