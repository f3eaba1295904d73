package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embeddable widget as a visitor of a partner's page sees it: {@code /widget-demo.html} (a page with loud
 * styles of its own) embeds {@code /widget.js} as a partner would, in headless Chromium. The widget renders the next
 * rencontres from the API in its shadow DOM, in French, with headings, a list and links that make sense alone; the
 * page's styles do not reach it, its styles do not reach the page, and nothing is loaded from a third party.
 */
class WidgetPageTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void aVisitorOfAPartnerPageSeesTheNextRencontresInTheWidgetUntouchedByThePageStyles(@TempDir Path profile)
            throws Exception {
        String browser = WebsitePageTest.browser();
        assertTrue(
                Files.size(ProjectRoot.find().resolve("examples/website/widget.js")) < 10_000,
                "the widget stays a few kilobytes");
        int sitePort;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            sitePort = socket.getLocalPort();
        }
        URI siteOrigin = URI.create("http://127.0.0.1:" + sitePort);
        String table = SeededTables.newSeededEventsTable("widget-page");
        String token = AdminTokens.newToken();
        Map<String, String> references =
                new HashMap<>(LocalRun.parameters(AdminTokens.entry("web", token), siteOrigin, LocalRunTables.API));
        references.put("EventsTable", table);
        references.putAll(TestStack.newQueues(TestStack.moto(), "widget-page"));
        try (DevServer api = DevServer.start(ProjectRoot.template(), references, 0);
                StaticSite site =
                        StaticSite.start(ProjectRoot.find().resolve("examples/website"), api.baseUri(), sitePort)) {
            // The next rencontre du jeudi gets its programme; the two after it are still to be announced.
            JsonNode series = Json.MAPPER.readTree(CLIENT.send(
                            HttpRequest.newBuilder(URI.create(api.baseUri() + "/series/rencontres-du-jeudi?count=3"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            LocalDate next = LocalDate.parse(series.at("/next/0/date").asText());
            HttpResponse<String> created = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(api.baseUri() + "/events"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"L’IA <b>dans</b> les PME & ETI\", "
                                    + "\"series\": \"rencontres-du-jeudi\", \"start\": \"" + next
                                    + "T08:30\", \"end\": \""
                                    + next + "T10:30\", \"venue\": {\"name\": \"Canopé\", \"city\": \"Chaumont\"}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String id = Json.MAPPER.readTree(created.body()).get("id").asText();

            try (HeadlessChromium page =
                    HeadlessChromium.open(browser, profile, site.baseUri() + "/widget-demo.html")) {
                page.waitFor(
                        "document.querySelector('nogentech-agenda') && "
                                + "document.querySelector('nogentech-agenda').dataset.state !== 'loading'",
                        Duration.ofSeconds(30));
                JsonNode seen = page.evaluate(PROBE);
                page.screenshot(Path.of("target/widget-demo.png"));

                assertEquals("ready", seen.get("state").asText(), seen.toString());
                assertEquals("fr", seen.get("lang").asText());
                // headings: the widget's title, then one per rencontre, a level below
                assertEquals(
                        "Prochaines rencontres du jeudi – Nogentech",
                        seen.get("heading").asText());
                assertEquals("titre", seen.get("labelledBy").asText());
                assertEquals(
                        List.of("L’IA <b>dans</b> les PME & ETI", "Programme à venir", "Programme à venir"),
                        HeadlessChromium.strings(seen.get("itemHeadings")));
                assertEquals(0, seen.get("markupFromData").asInt(), "the title is text, not markup");
                String first = seen.at("/items/0").asText();
                assertTrue(first.contains(FrenchDate.of(next) + ", de 8 h 30 à 10 h 30"), first);
                assertTrue(first.contains("Canopé, Chaumont"), first);
                assertTrue(
                        seen.at("/items/1").asText().contains("Le thème sera annoncé prochainement."), seen.toString());
                // links that make sense alone, and whose visually hidden part takes no room
                JsonNode add = seen.at("/links/0");
                assertEquals(
                        api.baseUri() + "/events/" + id + "/calendar.ics",
                        add.get("href").asText());
                assertEquals(
                        "Ajouter à mon agenda : L’IA <b>dans</b> les PME & ETI, " + FrenchDate.of(next),
                        add.get("text").asText());
                assertEquals("Ajouter à mon agenda", add.get("visible").asText().strip());
                JsonNode subscribe = seen.at("/links/1");
                assertEquals(
                        api.baseUri() + "/calendar.ics?series=rencontres-du-jeudi",
                        subscribe.get("href").asText());
                assertEquals(
                        "S’abonner au calendrier de Nogentech (iCalendar)",
                        subscribe.get("text").asText());
                assertTrue(seen.get("hiddenWidth").asDouble() <= 1, seen.toString());

                // the page's styles do not reach the widget…
                assertEquals("rgb(29, 42, 54)", seen.get("widgetHeadingColor").asText());
                assertEquals("none", seen.get("widgetHeadingTransform").asText());
                assertTrue(
                        !seen.get("widgetFont").asText().contains("Georgia"),
                        seen.get("widgetFont").asText());
                assertEquals("16px", seen.get("widgetFontSize").asText(), "not the page's 20px root");
                assertEquals("normal", seen.get("widgetLetterSpacing").asText());
                assertEquals("none", seen.get("widgetListStyle").asText());
                assertEquals("rgb(11, 110, 79)", seen.get("widgetLinkColor").asText());
                assertEquals(
                        "rgba(0, 0, 0, 0)", seen.get("widgetWhenBackground").asText());
                assertEquals("16px", seen.get("widgetItemTitleSize").asText());
                assertEquals("solid", seen.get("widgetBorderStyle").asText());
                // …and the widget's do not reach the page
                assertEquals("rgb(139, 0, 0)", seen.get("pageHeadingColor").asText());
                assertEquals("uppercase", seen.get("pageHeadingTransform").asText());
                assertEquals("square", seen.get("pageListStyle").asText());
                assertEquals("rgb(199, 21, 133)", seen.get("pageLinkColor").asText());
                assertEquals("rgb(255, 255, 0)", seen.get("pageWhenBackground").asText());
                assertEquals("40px", seen.get("pageTitleSize").asText());
                assertNotEquals(seen.get("widgetHeadingColor"), seen.get("pageHeadingColor"));

                // good contrast (WCAG AA: 4.5:1) for every kind of text, on the widget's own background
                String background = seen.get("widgetBackground").asText();
                for (String text :
                        List.of("widgetHeadingColor", "widgetLinkColor", "widgetWhenColor", "widgetMutedColor")) {
                    double ratio = contrast(seen.get(text).asText(), background);
                    assertTrue(ratio >= 4.5, text + ": contrast " + ratio);
                }

                // nothing but this site and the API
                for (JsonNode resource : seen.get("resources")) {
                    String url = resource.asText();
                    assertTrue(url.startsWith(site.baseUri() + "/") || url.startsWith(api.baseUri() + "/"), url);
                }
                assertTrue(HeadlessChromium.strings(seen.get("resources")).contains(site.baseUri() + "/widget.js"));

                // More tags on one page: every event (no series), and a series that does not exist.
                page.evaluate("""
                        (() => {
                          for (const [series, count] of [[null, '2'], ['inconnue', null]]) {
                            const tag = document.createElement('script');
                            tag.src = '/widget.js';
                            tag.dataset.api = '%s';
                            if (series) { tag.dataset.series = series; }
                            if (count) { tag.dataset.count = count; }
                            document.querySelector('aside').appendChild(tag);
                          }
                          return true;
                        })()""".formatted(api.baseUri()));
                page.waitFor(
                        "[...document.querySelectorAll('nogentech-agenda')].length === 3 && [...document"
                                + ".querySelectorAll('nogentech-agenda')].every(h => h.dataset.state !== 'loading')",
                        Duration.ofSeconds(30));
                JsonNode more = page.evaluate("""
                        [...document.querySelectorAll('nogentech-agenda')].slice(1).map(host => ({
                          state: host.dataset.state,
                          heading: host.shadowRoot.querySelector('h2').textContent,
                          items: [...host.shadowRoot.querySelectorAll('li h3')].map(h => h.textContent),
                          message: (host.shadowRoot.querySelector('[role=status]') || {}).textContent
                        }))""");
                assertEquals("ready", more.at("/0/state").asText(), more.toString());
                assertEquals(
                        "Prochains événements – Nogentech",
                        more.at("/0/heading").asText());
                assertEquals(
                        List.of("L’IA <b>dans</b> les PME & ETI"),
                        HeadlessChromium.strings(more.at("/0/items")),
                        "the upcoming events: the seeds are past");
                assertEquals("error", more.at("/1/state").asText(), more.toString());
                assertEquals(
                        "L’agenda de Nogentech ne peut pas être affiché pour le moment.",
                        more.at("/1/message").asText());
            }
        }
    }

    /** What the test reads in the page: the widget's shadow content and computed styles, and the page's own. */
    private static final String PROBE = """
            (() => {
              const host = document.querySelector('nogentech-agenda');
              const root = host.shadowRoot;
              const css = (element, property) => getComputedStyle(element).getPropertyValue(property);
              const items = [...root.querySelectorAll('li')];
              const box = root.querySelector('section');
              const visible = a => [...a.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('');
              return {
                state: host.dataset.state,
                lang: box.lang,
                labelledBy: box.getAttribute('aria-labelledby'),
                heading: root.getElementById(box.getAttribute('aria-labelledby')).textContent,
                itemHeadings: items.map(li => li.querySelector('h3').textContent),
                items: items.map(li => li.innerText),
                markupFromData: root.querySelectorAll('b').length,
                links: [...root.querySelectorAll('a')].map(a => ({text: a.textContent, visible: visible(a),
                                                                  href: a.href})),
                hiddenWidth: root.querySelector('a .sr').getBoundingClientRect().width,
                widgetHeadingColor: css(root.querySelector('h2'), 'color'),
                widgetHeadingTransform: css(root.querySelector('h2'), 'text-transform'),
                widgetFont: css(box, 'font-family'),
                widgetFontSize: css(box, 'font-size'),
                widgetLetterSpacing: css(box, 'letter-spacing'),
                widgetListStyle: css(items[0], 'list-style-type'),
                widgetLinkColor: css(root.querySelector('a'), 'color'),
                widgetWhenColor: css(root.querySelector('.when'), 'color'),
                widgetWhenBackground: css(root.querySelector('.when'), 'background-color'),
                widgetMutedColor: css(root.querySelector('.muted'), 'color'),
                widgetItemTitleSize: css(root.querySelector('li .title'), 'font-size'),
                widgetBorderStyle: css(box, 'border-left-style'),
                widgetBackground: css(box, 'background-color'),
                pageHeadingColor: css(document.querySelector('h2'), 'color'),
                pageHeadingTransform: css(document.querySelector('h2'), 'text-transform'),
                pageListStyle: css(document.querySelector('#host-list li'), 'list-style-type'),
                pageLinkColor: css(document.getElementById('host-link'), 'color'),
                pageWhenBackground: css(document.querySelector('#host-list .when'), 'background-color'),
                pageTitleSize: css(document.querySelector('article .title'), 'font-size'),
                resources: performance.getEntriesByType('resource').map(r => r.name)
                    .concat([location.href])
              };
            })()
            """;

    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

    /** The WCAG contrast ratio of two CSS colours. */
    private static double contrast(String foreground, String background) {
        double a = luminance(foreground), b = luminance(background);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String color) {
        Matcher rgb = RGB.matcher(color);
        assertTrue(rgb.find(), color);
        double[] channels = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(rgb.group(i + 1)) / 255.0;
            channels[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }

    /** {@code jeudi 10 décembre 2026}, as the widget writes a date. */
    private static final class FrenchDate {
        static String of(LocalDate date) {
            return fr.nogentech.events.event.FrenchText.day(date);
        }
    }
}
