package fr.nogentech.events.config;

import fr.nogentech.events.event.EventKey;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.query.PageCursor;
import fr.nogentech.events.subscription.SubscriptionTokens;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional previous secrets, as the functions read them from their configuration. */
class PreviousSecretsTest {

    private static final String OLD = "the-old-secret-0123456789abcdefghijkl";
    private static final String NEW = "the-new-secret-mnopqrstuvwxyz01234567";
    private static final Instant NOW = Instant.parse("2023-09-01T10:00:00Z");
    private static final String HASH = "1f69c376f615f5ae6c5092e0a15b6e6af8c6812b34dd59e83a1f6fb5b325d4c8";
    private static final PageCursor.Position POSITION = new PageCursor.Position(
            Instant.parse("2023-09-01T00:00:00Z"),
            null,
            null,
            new EventKey(Instant.parse("2023-11-09T07:30:00Z"), "x"));

    @Test
    void thePreviousCursorSecretReadsTheCursorsItSignedAndAnEmptyOneMeansNone() {
        String cursor =
                with(Map.of(ConfigKeys.CURSOR_SECRET, OLD), PageCursor.class, cursors -> cursors.encode(POSITION));

        assertEquals(
                POSITION,
                with(
                        Map.of(ConfigKeys.CURSOR_SECRET, NEW, ConfigKeys.CURSOR_PREVIOUS_SECRET, OLD),
                        PageCursor.class,
                        cursors -> cursors.decode(cursor)));
        for (Map<String, Object> withoutPrevious : List.<Map<String, Object>>of(
                Map.of(ConfigKeys.CURSOR_SECRET, NEW),
                Map.of(ConfigKeys.CURSOR_SECRET, NEW, ConfigKeys.CURSOR_PREVIOUS_SECRET, ""))) {
            assertThrows(
                    ProblemException.class,
                    () -> with(withoutPrevious, PageCursor.class, cursors -> cursors.decode(cursor)));
        }
    }

    @Test
    void thePreviousSubscriptionSecretAcceptsTheLinksItSignedAndAnEmptyOneMeansNone() {
        String token = with(
                Map.of(ConfigKeys.SUBSCRIPTION_SECRET, OLD),
                SubscriptionTokens.class,
                tokens -> tokens.unsubscribe(HASH));

        assertEquals(
                Optional.of(HASH),
                with(
                        Map.of(ConfigKeys.SUBSCRIPTION_SECRET, NEW, ConfigKeys.SUBSCRIPTION_PREVIOUS_SECRET, OLD),
                        SubscriptionTokens.class,
                        tokens -> tokens.verify(token, SubscriptionTokens.Purpose.UNSUBSCRIBE, NOW)));
        for (Map<String, Object> withoutPrevious : List.<Map<String, Object>>of(
                Map.of(ConfigKeys.SUBSCRIPTION_SECRET, NEW),
                Map.of(ConfigKeys.SUBSCRIPTION_SECRET, NEW, ConfigKeys.SUBSCRIPTION_PREVIOUS_SECRET, ""))) {
            assertEquals(
                    Optional.empty(),
                    with(
                            withoutPrevious,
                            SubscriptionTokens.class,
                            tokens -> tokens.verify(token, SubscriptionTokens.Purpose.UNSUBSCRIBE, NOW)));
        }
    }

    @Test
    void aTooShortPreviousSecretStopsTheStartAndNamesItsSetting() {
        assertStartRefused(
                Map.of(ConfigKeys.CURSOR_SECRET, NEW, ConfigKeys.CURSOR_PREVIOUS_SECRET, "too-short"),
                PageCursor.class,
                "CURSOR_PREVIOUS_SECRET");
        assertStartRefused(
                Map.of(ConfigKeys.SUBSCRIPTION_SECRET, NEW, ConfigKeys.SUBSCRIPTION_PREVIOUS_SECRET, "too-short"),
                SubscriptionTokens.class,
                "SUBSCRIPTION_PREVIOUS_SECRET");
    }

    private static <B, R> R with(Map<String, Object> properties, Class<B> bean, Function<B, R> use) {
        try (ApplicationContext context = ApplicationContext.run(new HashMap<>(properties))) {
            return use.apply(context.getBean(bean));
        }
    }

    private static void assertStartRefused(Map<String, Object> properties, Class<?> bean, String setting) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> with(properties, bean, b -> b));
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(
                cause instanceof IllegalArgumentException
                        && cause.getMessage().contains(setting)
                        && cause.getMessage().contains("at least 32 characters"),
                String.valueOf(cause));
    }
}
