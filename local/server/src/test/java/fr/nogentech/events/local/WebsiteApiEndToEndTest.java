package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.json.Json;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the website and calendar programs get, end to end through the development server against moto. */
class WebsiteApiEndToEndTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String TOKEN = AdminTokens.newToken();
    private static final String WEBSITE = LocalRunTables.SITE.toString();
    private static DevServer server;

    @BeforeAll
    static void start() {
        String table = SeededTables.newSeededEventsTable("website");
        LocalRunTables.addOtherSeries(table);
        server = DevServer.start(
                ProjectRoot.template(), LocalRunTables.parameters(table, AdminTokens.entry("web", TOKEN)), 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theCalendarFeedImportsTheSixRencontresAtHalfPastEightParisTime() throws Exception {
        HttpResponse<String> response = get("/calendar.ics", Map.of());
        assertEquals(200, response.statusCode());
        assertEquals(
                "text/calendar; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        List<VEvent> all = events(response.body());
        assertTrue(
                all.stream().anyMatch(e -> value(e, Property.UID).startsWith(OtherSeries.EVENT_ID + "@")),
                "the whole feed holds every series");
        List<VEvent> rencontres = all.stream()
                .filter(e -> value(e, Property.UID).matches("(2023|2024-0[1-3]).*"))
                .filter(e -> !value(e, Property.UID).startsWith(OtherSeries.EVENT_ID + "@"))
                .toList();
        assertEquals(6, rencontres.size());
        for (VEvent event : rencontres) {
            ZonedDateTime start = start(event).atZone(PARIS);
            assertEquals(LocalTime.of(8, 30), start.toLocalTime(), value(event, Property.SUMMARY));
            assertEquals(DayOfWeek.THURSDAY, start.getDayOfWeek());
        }
        assertTrue(response.body().contains("DTSTART;TZID=Europe/Paris:20231012T083000"));
        assertEquals("Canopé, Chaumont", value(rencontres.get(0), Property.LOCATION));
        assertEquals(
                "http://127.0.0.1:8080/#2023-10-12-reseaux-sociaux-dans-l-industrie",
                value(rencontres.get(0), Property.URL));

        HttpResponse<String> series = get("/calendar.ics?series=rencontres-du-jeudi", Map.of());
        assertTrue(events(series.body()).stream()
                .allMatch(e -> value(e, Property.UID).startsWith("20")));
        assertFalse(
                events(series.body()).stream()
                        .anyMatch(e -> value(e, Property.UID).startsWith(OtherSeries.EVENT_ID + "@")),
                "the series feed leaves the other series out");
        assertEquals(
                6,
                events(series.body()).stream()
                        .filter(e -> value(e, Property.UID).matches("(2023|2024-0[1-3]).*"))
                        .count());
        assertProblem(get("/calendar.ics?series=Les%20rencontres", Map.of()), 400, "series");
    }

    @Test
    void aSeriesFilterListsThatSeriesOnly() throws Exception {
        String season = "/events?from=2023-09-01&to=2024-04-01";
        List<String> every = ids(get(season, Map.of()));
        assertEquals(7, every.size(), every.toString());
        assertTrue(every.contains(OtherSeries.EVENT_ID), every.toString());
        List<String> rencontres = ids(get(season + "&series=rencontres-du-jeudi", Map.of()));
        assertEquals(6, rencontres.size(), rencontres.toString());
        assertFalse(rencontres.contains(OtherSeries.EVENT_ID), rencontres.toString());
        assertEquals(List.of(OtherSeries.EVENT_ID), ids(get(season + "&series=" + OtherSeries.SERIES, Map.of())));
    }

    @Test
    void aMovedEventKeepsItsUidWithAHigherSequence() throws Exception {
        String id = "2024-02-08-contexte-economique-emprunter-a-quel-taux";
        VEvent before =
                events(get("/events/" + id + "/calendar.ics", Map.of()).body()).get(0);
        HttpResponse<String> moved = send(
                "PATCH",
                "/events/" + id,
                "{\"start\": \"2024-02-15T08:30\", \"end\": \"2024-02-15T10:30\"}",
                Map.of("Authorization", "Bearer " + TOKEN));
        assertEquals(200, moved.statusCode(), moved.body());
        VEvent after =
                events(get("/events/" + id + "/calendar.ics", Map.of()).body()).get(0);
        assertEquals(value(before, Property.UID), value(after, Property.UID));
        assertTrue(
                Integer.parseInt(value(after, Property.SEQUENCE)) > Integer.parseInt(value(before, Property.SEQUENCE)));
        assertEquals(LocalDate.of(2024, 2, 15), start(after).atZone(PARIS).toLocalDate());
    }

    @Test
    void theSeriesListsTheNextSecondThursdays() throws Exception {
        // Before the request: the server's today is this one or, past a midnight meanwhile, the next
        // (ParisMidnightEndToEndTest pins the clock to check today itself).
        LocalDate today = LocalDate.now(PARIS);
        HttpResponse<String> response = get("/series/rencontres-du-jeudi", Map.of());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode series = Json.MAPPER.readTree(response.body());
        assertEquals("Les rencontres du jeudi", series.get("name").asText());
        assertEquals(
                "le deuxième jeudi de chaque mois, de 8 h 30 à 10 h 30",
                series.at("/rule/text").asText());
        JsonNode next = series.get("next");
        assertEquals(6, next.size());
        for (JsonNode occurrence : next) {
            LocalDate date = LocalDate.parse(occurrence.get("date").asText());
            assertFalse(date.isBefore(today));
            assertEquals(DayOfWeek.THURSDAY, date.getDayOfWeek());
            assertTrue(date.getDayOfMonth() >= 8 && date.getDayOfMonth() <= 14, date.toString());
            assertTrue(occurrence.get("start").asText().startsWith(date + "T08:30:00+0"));
            if (occurrence.get("programme").asText().equals("published")) {
                assertTrue(occurrence.at("/event/start").asText().startsWith(date.toString()));
            } else {
                assertEquals("to-be-announced", occurrence.get("programme").asText());
                assertTrue(occurrence.get("event").isNull());
            }
        }
        assertProblem(get("/series/rencontres-du-vendredi", Map.of()), 404, null);
        assertProblem(get("/series/Rencontres%20du%20jeudi", Map.of()), 400, "id");
    }

    @Test
    void aPublishedRencontreTakesItsPlaceInTheSeries() throws Exception {
        LocalDate secondThursday = LocalDate.now(PARIS)
                .plusMonths(2)
                .withDayOfMonth(1)
                .with(java.time.temporal.TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.THURSDAY));
        HttpResponse<String> created = send(
                "POST",
                "/events",
                "{\"title\": \"L’IA dans nos ateliers\", "
                        + "\"series\": \"rencontres-du-jeudi\", \"start\": \"" + secondThursday
                        + "T08:30\", \"end\": \""
                        + secondThursday + "T10:30\", \"venue\": {\"name\": \"CRITT MI\", \"city\": \"Nogent\"}}",
                Map.of("Authorization", "Bearer " + TOKEN));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode next = Json.MAPPER
                .readTree(get("/series/rencontres-du-jeudi", Map.of()).body())
                .get("next");
        JsonNode published = null;
        for (JsonNode occurrence : next) {
            if (occurrence.get("date").asText().equals(secondThursday.toString())) {
                published = occurrence;
            }
        }
        assertEquals("published", published.get("programme").asText(), next.toString());
        assertEquals("L’IA dans nos ateliers", published.at("/event/title").asText());
        assertEquals(6, next.size());
    }

    @Test
    void everyPublicGetIsCachedWithAStrongEtagAndRevalidatedWith304() throws Exception {
        for (String path : List.of(
                "/events?from=2023-09-01&to=2024-04-01",
                "/events/2023-12-14-recruter-sans-cv",
                "/calendar.ics",
                "/events/2023-12-14-recruter-sans-cv/calendar.ics",
                "/series/rencontres-du-jeudi",
                "/feed.atom")) {
            HttpResponse<String> first = get(path, Map.of());
            assertEquals(200, first.statusCode(), path);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertTrue(etag.startsWith("\"") && etag.endsWith("\""), "strong: " + etag);
            assertTrue(first.headers().firstValue("Cache-Control").orElseThrow().contains("max-age="), path);

            HttpResponse<String> again = get(path, Map.of("If-None-Match", etag));
            assertEquals(304, again.statusCode(), path);
            assertEquals("", again.body());
            assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
            assertEquals(first.body(), get(path, Map.of()).body(), "the same content: " + path);
            assertEquals(etag, get(path, Map.of()).headers().firstValue("ETag").orElseThrow());

            assertEquals(200, get(path, Map.of("If-None-Match", "garbage")).statusCode(), path);
            assertEquals(200, get(path, Map.of("If-None-Match", "\"other\"")).statusCode(), path);
        }
    }

    @Test
    void theEtagChangesWhenWhatTheResponseShowsChanges() throws Exception {
        String id = "2024-01-11-diagnostics-climat";
        String list = "/events?from=2024-01-01&to=2024-02-01";
        String listTag = get(list, Map.of()).headers().firstValue("ETag").orElseThrow();
        String eventTag =
                get("/events/" + id, Map.of()).headers().firstValue("ETag").orElseThrow();
        String feedTag =
                get("/calendar.ics", Map.of()).headers().firstValue("ETag").orElseThrow();
        String otherList = "/events?from=2023-10-01&to=2023-11-01";
        String otherTag = get(otherList, Map.of()).headers().firstValue("ETag").orElseThrow();

        assertEquals(
                200,
                send(
                                "PATCH",
                                "/events/" + id,
                                "{\"venue\": {\"name\": \"CRITT MI\", \"city\": " + "\"Nogent\"}}",
                                Map.of("Authorization", "Bearer " + TOKEN))
                        .statusCode());
        assertNotEquals(
                listTag, get(list, Map.of()).headers().firstValue("ETag").orElseThrow());
        assertNotEquals(
                eventTag,
                get("/events/" + id, Map.of()).headers().firstValue("ETag").orElseThrow());
        assertNotEquals(
                feedTag,
                get("/calendar.ics", Map.of()).headers().firstValue("ETag").orElseThrow());
        assertEquals(200, get(list, Map.of("If-None-Match", listTag)).statusCode());
        assertEquals(
                otherTag,
                get(otherList, Map.of()).headers().firstValue("ETag").orElseThrow(),
                "a listing that does not show the change keeps its tag");
    }

    @Test
    void aBrowserOnTheWebsiteReadsThePublicApiButCannotAdministerIt() throws Exception {
        HttpResponse<String> read = get("/events?from=2023-09-01", Map.of("Origin", WEBSITE));
        assertEquals(
                WEBSITE,
                read.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(read.headers()
                .firstValue("Access-Control-Expose-Headers")
                .orElseThrow()
                .contains("ETag"));

        HttpResponse<String> preflight = send(
                "OPTIONS",
                "/events",
                null,
                Map.of(
                        "Origin",
                        WEBSITE,
                        "Access-Control-Request-Method",
                        "GET",
                        "Access-Control-Request-Headers",
                        "if-none-match"));
        assertEquals(204, preflight.statusCode());
        assertEquals(
                WEBSITE,
                preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());

        for (String method : List.of("POST", "PATCH", "PUT", "DELETE")) {
            HttpResponse<String> admin = send(
                    "OPTIONS",
                    "/events/x",
                    null,
                    Map.of(
                            "Origin",
                            WEBSITE,
                            "Access-Control-Request-Method",
                            method,
                            "Access-Control-Request-Headers",
                            "authorization,content-type"));
            assertTrue(admin.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), method);
        }
        HttpResponse<String> stranger = get("/events", Map.of("Origin", "https://evil.example"));
        assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void anEventIsAlsoASchemaOrgEventForSearchEngines() throws Exception {
        HttpResponse<String> response =
                get("/events/2023-10-12-reseaux-sociaux-dans-l-industrie", Map.of("Accept", "application/ld+json"));
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/ld+json; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept")));
        JsonNode event = Json.MAPPER.readTree(response.body());
        assertEquals("https://schema.org", event.get("@context").asText());
        assertEquals("Event", event.get("@type").asText());
        assertEquals(
                "Comment utiliser les réseaux sociaux dans l’industrie ?",
                event.get("name").asText());
        assertEquals("2023-10-12T08:30:00+02:00", event.get("startDate").asText());
        assertEquals("2023-10-12T10:30:00+02:00", event.get("endDate").asText());
        assertEquals(
                "https://schema.org/EventScheduled", event.get("eventStatus").asText());
        assertEquals(
                "https://schema.org/OfflineEventAttendanceMode",
                event.get("eventAttendanceMode").asText());
        assertEquals("Place", event.at("/location/@type").asText());
        assertEquals("Canopé", event.at("/location/name").asText());
        assertEquals("Chaumont", event.at("/location/address/addressLocality").asText());
        assertEquals("Nogentech", event.at("/organizer/name").asText());
        assertEquals("Germain Chittaro", event.at("/performer/0/name").asText());
        assertTrue(event.get("description").asText().contains("jeudi 12 octobre 2023, de 8 h 30 à 10 h 30"));
        assertEquals(
                "http://127.0.0.1:8080/#2023-10-12-reseaux-sociaux-dans-l-industrie",
                event.get("url").asText());
        assertNotEquals(
                get("/events/2023-10-12-reseaux-sociaux-dans-l-industrie", Map.of())
                        .headers()
                        .firstValue("ETag"),
                response.headers().firstValue("ETag"));

        assertProblem(
                get("/events/2023-10-12-reseaux-sociaux-dans-l-industrie", Map.of("Accept", "text/html")), 406, null);
        assertProblem(get("/events", Map.of("Accept", "application/xml")), 406, null);
        assertEquals(
                200, get("/events", Map.of("Accept", "text/html, */*;q=0.8")).statusCode());
    }

    /** The ids of a listing's items. */
    private static List<String> ids(HttpResponse<String> listing) throws IOException {
        assertEquals(200, listing.statusCode(), listing.body());
        List<String> ids = new ArrayList<>();
        Json.MAPPER
                .readTree(listing.body())
                .get("items")
                .forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String parameter) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().length() > 10);
        if (parameter != null) {
            assertEquals(parameter, problem.get("parameter").asText());
        }
    }

    /** The calendar's events, read by ical4j (biweekly writes them). */
    private static List<VEvent> events(String ics) throws IOException, ParserException {
        return new CalendarBuilder().build(new StringReader(ics)).getComponents(Component.VEVENT);
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).orElseThrow().getValue();
    }

    private static Instant start(VEvent event) {
        return Instant.from(event.<DtStart<Temporal>>getProperty(Property.DTSTART)
                .orElseThrow()
                .getDate());
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        return HttpCalls.get(server.baseUri(), path, headers);
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return HttpCalls.send(server.baseUri(), method, path, body, headers);
    }
}
