package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Speaker;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.AtomChecks;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.SeededTables;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed function as Lambda runs it, replaying events/feed.json against moto: the 2023–24 seeds (long past, out of
 * the window) and events around today.
 */
@ChecksPermissions("GetFeedFunction")
class FeedHandlerTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String TAG = "tag:evenements.nogentech.fr,2023:event/";
    private static FeedHandler handler;
    private static String recent;
    private static String upcoming;
    private static String cancelled;
    private static String tooOld;
    private static String otherSeries;

    @BeforeAll
    static void tableAndHandler() {
        LocalAws moto = TestStack.moto();
        String table = SeededTables.newSeededEventsTable("feed-handler");
        LocalDate today = LocalDate.now(PARIS);
        try (var dynamoDb = moto.dynamoDb()) {
            EventStore store = new EventStore(dynamoDb, table, Clock.systemUTC());
            recent = store.create(
                            rencontre(today.minusDays(30), "Recruter en Haute-Marne", EventStatus.SCHEDULED), "alice")
                    .id();
            upcoming = store.create(rencontre(today.plusDays(20), "L’usine du futur", EventStatus.SCHEDULED), "alice")
                    .id();
            cancelled = store.create(rencontre(today.plusDays(50), "Cybersécurité", EventStatus.CANCELLED), "bob")
                    .id();
            tooOld = store.create(rencontre(today.minusDays(120), "Trop ancienne", EventStatus.SCHEDULED), "alice")
                    .id();
            Event visit = rencontre(today.plusDays(10), "Visite d’usine", EventStatus.SCHEDULED);
            otherSeries = store.create(
                            new Event(
                                    visit.id(),
                                    visit.title(),
                                    null,
                                    visit.start(),
                                    visit.end(),
                                    visit.timeZone(),
                                    visit.venue(),
                                    List.of(),
                                    visit.status(),
                                    0,
                                    null,
                                    null),
                            "alice")
                    .id();
        }
        handler = new FeedHandler(FunctionHandler.configured(Map.of(
                ConfigKeys.EVENTS_TABLE,
                table,
                ConfigKeys.EVENT_PAGE_URL,
                "https://www.nogentech.fr/evenements/{id}",
                ConfigKeys.API_URL,
                "https://api.nogentech.fr")));
    }

    private static Event rencontre(LocalDate day, String title, EventStatus status) {
        ZonedDateTime start = day.atTime(8, 30).atZone(PARIS);
        String id = day + "-" + title.toLowerCase().replaceAll("[^a-z]+", "-").replaceAll("(^-|-$)", "");
        return new Event(
                id,
                title,
                "rencontres-du-jeudi",
                start,
                start.plusHours(2),
                PARIS,
                new Venue("Canopé", "Chaumont"),
                List.of(new Speaker("Germain Chittaro", "groupe Interactions", Speaker.Role.SPEAKER)),
                status,
                0,
                null,
                null);
    }

    @AfterAll
    static void close() {
        handler.close();
    }

    @Test
    void theSeriesFeedHoldsTheUpcomingAndRecentRencontresNewestChangeFirst() {
        HttpResponse response = handler.serve(SampleEvents.event("feed.json"));
        assertEquals(200, response.status(), response.body());
        assertEquals("application/atom+xml; charset=utf-8", response.header("Content-Type"));
        assertEquals("public, max-age=60, stale-while-revalidate=300", response.header("Cache-Control"));
        assertNotNull(response.header("ETag"));
        AtomChecks.Feed feed = AtomChecks.parse(response.body());
        assertEquals("Nogentech – Les rencontres du jeudi", feed.title());
        assertEquals(
                "https://api.nogentech.fr/feed.atom?series=rencontres-du-jeudi",
                feed.link("self").href());
        // created in this order: the last change first; neither the seeds nor the one of 120 days ago, nor the visit
        assertEquals(List.of(TAG + cancelled, TAG + upcoming, TAG + recent), feed.entryIds());
        AtomChecks.Entry first = feed.entries().get(0);
        assertEquals("Annulé : Cybersécurité", first.title());
        assertTrue(first.summary().startsWith("Événement annulé.\n"), first.summary());
        assertTrue(
                first.summary()
                        .contains(", de 8 h 30 à 10 h 30.\nLieu : Canopé, Chaumont.\n"
                                + "Intervenant : Germain Chittaro (groupe Interactions)."),
                first.summary());
        assertEquals(
                "https://www.nogentech.fr/evenements/" + cancelled,
                first.link("alternate").href());
        assertEquals(
                "https://api.nogentech.fr/events/" + cancelled + "/calendar.ics",
                first.link("related").href());
        assertEquals(first.updated(), feed.updated());
    }

    @Test
    void theWholeFeedHasEveryEventOfTheWindow() {
        ObjectNode request = SampleEvents.event("feed.json");
        request.remove("queryStringParameters");
        request.put("rawQueryString", "");
        AtomChecks.Feed feed = AtomChecks.parse(handler.serve(request).body());
        assertEquals("Nogentech – événements", feed.title());
        assertEquals(4, feed.entries().size(), feed.entryIds().toString());
        assertTrue(feed.entryIds().contains(TAG + otherSeries));
        assertTrue(!feed.entryIds().contains(TAG + tooOld));
    }

    @Test
    void aCurrentTagGets304WithoutABody() {
        HttpResponse first = handler.serve(SampleEvents.event("feed.json"));
        ObjectNode again = SampleEvents.event("feed.json");
        ((ObjectNode) again.get("headers")).put("if-none-match", first.header("ETag"));
        HttpResponse notModified = handler.serve(again);
        assertEquals(304, notModified.status());
        assertTrue(notModified.body() == null || notModified.body().isEmpty());
        assertEquals(first.header("ETag"), notModified.header("ETag"));
    }

    @Test
    void anUnknownSeriesIs404AndABadNameIs400() {
        ObjectNode unknown = SampleEvents.event("feed.json");
        ((ObjectNode) unknown.get("queryStringParameters")).put("series", "inconnue");
        unknown.put("rawQueryString", "series=inconnue");
        HttpResponse response = handler.serve(unknown);
        assertEquals(404, response.status());
        assertEquals("application/problem+json; charset=utf-8", response.header("Content-Type"));

        ObjectNode bad = SampleEvents.event("feed.json");
        ((ObjectNode) bad.get("queryStringParameters")).put("series", "Les <rencontres>");
        bad.put("rawQueryString", "series=Les%20%3Crencontres%3E");
        response = handler.serve(bad);
        assertEquals(400, response.status());
        assertTrue(response.body().contains("\"parameter\":\"series\""), response.body());
    }

    @Test
    void anAcceptItCannotMeetIs406() {
        ObjectNode html = SampleEvents.event("feed.json");
        ((ObjectNode) html.get("headers")).put("accept", "text/html");
        assertEquals(406, handler.serve(html).status());
        ObjectNode browser = SampleEvents.event("feed.json");
        ((ObjectNode) browser.get("headers"))
                .put("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        HttpResponse response = handler.serve(browser);
        assertEquals(200, response.status());
        assertNull(response.header("Vary"));
    }
}
