package fr.nogentech.events.local;

import fr.nogentech.events.auth.AdminTokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The example website in a real browser (headless Chromium), served from another origin than the API, as a visitor
 * sees it: the events rendered from the API across origins.
 */
class WebsitePageTest {

    @Test
    void aVisitorSeesTheNextRencontreAndTheUpcomingEventsRenderedFromTheApi(@TempDir Path profile) throws Exception {
        String browser = browser();
        int sitePort;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            sitePort = socket.getLocalPort();
        }
        URI siteOrigin = URI.create("http://127.0.0.1:" + sitePort);
        String table = SeededTables.newSeededEventsTable("website-page");
        String token = AdminTokens.newToken();
        Map<String, String> references =
                new HashMap<>(LocalRun.parameters(AdminTokens.entry("web", token), siteOrigin, LocalRunTables.API));
        references.put("EventsTable", table);
        references.putAll(TestStack.newQueues(TestStack.moto(), "website-page"));
        try (DevServer api = DevServer.start(ProjectRoot.template(), references, 0);
                StaticSite site =
                        StaticSite.start(ProjectRoot.find().resolve("examples/website"), api.baseUri(), sitePort)) {
            ZoneId paris = ZoneId.of("Europe/Paris");
            LocalDate visit = LocalDate.now(paris).plusMonths(1).withDayOfMonth(20);
            HttpResponse<String> created = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(api.baseUri() + "/events"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"title\": \"Visite de l’usine Usi 2 <b>&</b>\", "
                                                            + "\"start\": \"" + visit + "T14:00\", \"end\": \"" + visit
                                                            + "T16:00\", \"venue\": "
                                                            + "{\"name\": \"Forges de Courcelles\", \"city\": \"Nogent\"}, \"speakers\": [{\"name\": "
                                                            + "\"José Sanchez\", \"organization\": \"MS Pétanque\", \"role\": \"testimony\"}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            // and one that took place two days ago: this season's record
            LocalDate past = LocalDate.now(paris).minusDays(2);
            HttpResponse<String> recorded = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(api.baseUri() + "/events"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"title\": \"Atelier <i>sobriété</i> énergétique\", " + "\"start\": \""
                                                    + past + "T09:00\", \"end\": \"" + past + "T11:00\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(201, recorded.statusCode(), recorded.body());

            // Read once, before the page is: its "next rencontre" is from this day, or the next past a midnight.
            LocalDate today = LocalDate.now(paris);
            String dom = dumpDom(browser, profile, site.baseUri() + "/");
            assertTrue(dom.contains("data-state=\"ready\""), dom);
            assertTrue(dom.contains("Visite de l’usine Usi 2 &lt;b&gt;&amp;&lt;/b&gt;"), "escaped text: " + dom);
            assertTrue(dom.contains("Forges de Courcelles, Nogent"), dom);
            assertTrue(dom.contains("Témoignage : José Sanchez (MS Pétanque)"), dom);
            assertTrue(dom.contains(", de 14 h à 16 h"), dom);
            assertTrue(
                    dom.contains("jeudi " + nextRencontre(today).getDayOfMonth() + " ")
                            || dom.contains(
                                    "jeudi " + nextRencontre(today.plusDays(1)).getDayOfMonth() + " "),
                    dom);
            assertTrue(dom.contains(", de 8 h 30 à 10 h 30"), dom);
            assertTrue(dom.contains("Programme à venir"), dom);
            assertTrue(dom.contains(api.baseUri() + "/calendar.ics"), dom);
            assertTrue(dom.contains(api.baseUri() + "/feed.atom"), dom);

            // the seasons gone by: this one (or the one before, on the first days of September) holds the atelier
            String record = dom.substring(dom.indexOf("Rencontres passées"));
            int season = past.getMonthValue() >= 9 ? past.getYear() : past.getYear() - 1;
            assertTrue(record.contains("Saison " + season + "–" + (season + 1)), record);
            assertTrue(record.contains("Atelier &lt;i&gt;sobriété&lt;/i&gt; énergétique"), record);
            assertTrue(!record.contains("Saison 2023–2024"), "two seasons, not the whole record: " + record);
            assertTrue(!record.contains("Visite de l’usine"), "an upcoming event is not past: " + record);

            // ?api= may not point the page at a script or at a third party's host: the configured API stays.
            for (String override :
                    List.of("javascript:alert(1)", "https://api.attacker.example", "http://attacker.example:3000")) {
                String hijacked = dumpDom(
                        browser,
                        profile,
                        site.baseUri() + "/?api=" + java.net.URLEncoder.encode(override, StandardCharsets.UTF_8));
                assertTrue(hijacked.contains(api.baseUri() + "/calendar.ics"), override + ": " + hijacked);
                assertTrue(
                        !hijacked.contains("attacker") && !hijacked.contains("javascript:"),
                        override + ": " + hijacked);
            }
        }
    }

    @Test
    void onAFreshRunThePageShowsTheSeasonOfTheSeedsNewestFirst(@TempDir Path profile) throws Exception {
        String browser = browser();
        int sitePort;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            sitePort = socket.getLocalPort();
        }
        Map<String, String> references = new HashMap<>(LocalRun.parameters(
                AdminTokens.entry("web", AdminTokens.newToken()),
                URI.create("http://127.0.0.1:" + sitePort),
                LocalRunTables.API));
        references.put("EventsTable", SeededTables.newSeededEventsTable("website-seasons"));
        references.putAll(TestStack.newQueues(TestStack.moto(), "website-seasons"));
        try (DevServer api = DevServer.start(ProjectRoot.template(), references, 0);
                StaticSite site =
                        StaticSite.start(ProjectRoot.find().resolve("examples/website"), api.baseUri(), sitePort)) {
            String dom = dumpDom(browser, profile, site.baseUri() + "/");
            screenshot(browser, profile.resolve("screenshot"), site.baseUri() + "/", Path.of("target/website.png"));
            assertTrue(dom.contains("data-state=\"ready\""), dom);
            // The 2023–24 programme is long past: the current and previous seasons are empty, so the page goes back
            // to the latest season that has events, and shows it newest first (never an empty page).
            String record = dom.substring(dom.indexOf("Rencontres passées"));
            assertTrue(record.contains("Saison 2023–2024"), record);
            assertTrue(!record.contains("Saison 2022–2023") && !record.contains("Aucune rencontre passée"), record);
            List<String> newestFirst = List.of(
                    "La cybersécurité en entreprise",
                    "Les diagnostics Climat",
                    "Recruter sans CV",
                    "Comment utiliser les réseaux sociaux dans l’industrie ?");
            int at = 0;
            for (String title : newestFirst) {
                int found = record.indexOf(title);
                assertTrue(found > at, title + " after the one before it: " + record);
                at = found;
            }
            assertTrue(record.contains("jeudi 14 mars 2024, de 8 h 30 à 10 h 30"), record);
            assertTrue(!record.contains("Ajouter à mon agenda"), "no add-to-calendar link for the past: " + record);
        }
    }

    @Test
    void aVisitorSeesTheSeatsLeftAndRegistersWithTheForm(@TempDir Path profile) throws Exception {
        String browser = browser();
        int sitePort;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            sitePort = socket.getLocalPort();
        }
        String token = AdminTokens.newToken();
        Map<String, String> references = new HashMap<>(LocalRun.parameters(
                AdminTokens.entry("web", token), URI.create("http://127.0.0.1:" + sitePort), LocalRunTables.API));
        references.put("EventsTable", SeededTables.newSeededEventsTable("website-registration"));
        references.putAll(TestStack.newQueues(TestStack.moto(), "website-registration"));
        Path outbox = Files.createTempDirectory("outbox");
        try (DevServer api = DevServer.start(
                        ProjectRoot.template(),
                        references,
                        0,
                        Map.of(fr.nogentech.events.config.ConfigKeys.OUTBOX_DIR, outbox.toString()));
                StaticSite site =
                        StaticSite.start(ProjectRoot.find().resolve("examples/website"), api.baseUri(), sitePort)) {
            LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(20);
            HttpResponse<String> created = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(api.baseUri() + "/events"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"atelier-places\", "
                                            + "\"title\": \"Atelier à places comptées\", \"start\": \"" + day
                                            + "T09:00\", \"end\": \"" + day + "T11:00\", "
                                            + "\"registration\": {\"capacity\": 3}}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());

            try (HeadlessChromium page = HeadlessChromium.open(browser, profile, site.baseUri() + "/")) {
                page.waitFor("document.getElementById('agenda').dataset.state === 'ready'", Duration.ofSeconds(30));
                String seats = page.evaluate(
                                "[...document.querySelectorAll('.seats')].map(e => e.textContent).join('|')")
                        .asText();
                assertTrue(seats.contains("3 places restantes"), seats);
                page.evaluate("""
                        (() => {
                          const form = document.querySelector('form.register');
                          form.elements.namedItem('name').value = 'Visiteuse du site';
                          form.elements.namedItem('email').value = 'visiteuse@site.example';
                          form.requestSubmit();
                          return true;
                        })()""");
                page.waitFor(
                        "(document.querySelector('.register-message') || {}).textContent.includes('e-mail')",
                        Duration.ofSeconds(30));
                String message = page.evaluate("document.querySelector('.register-message').textContent")
                        .asText();
                assertTrue(message.contains("Un e-mail vient de partir"), message);
            }
            List<jakarta.mail.internet.MimeMessage> mails = LocalApi.mailsTo(outbox, "visiteuse@site.example");
            assertEquals(1, mails.size(), "the email whose link confirms");
            assertTrue(LocalApi.subject(mails.get(0)).startsWith("Confirmez votre inscription"));
        }
    }

    /** What a person sees of the page, for the eye: target/website.png. */
    static void screenshot(String browser, Path profile, String url, Path png) throws Exception {
        try (HeadlessChromium page = HeadlessChromium.open(browser, profile, url)) {
            page.waitFor(
                    "document.getElementById('agenda').dataset.state !== 'loading'", java.time.Duration.ofSeconds(30));
            page.screenshot(png);
        }
    }

    /** The second Thursday of the month on or after {@code day}. */
    private static LocalDate nextRencontre(LocalDate day) {
        LocalDate thisMonth = day.with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.THURSDAY));
        return thisMonth.isBefore(day)
                ? day.plusMonths(1).withDayOfMonth(1).with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.THURSDAY))
                : thisMonth;
    }

    /** The page's DOM as Chromium has it; a Chromium still running after 90 s is stopped and fails the test. */
    private static String dumpDom(String browser, Path profile, String url) {
        List<String> command = HeadlessChromium.command(browser, profile);
        command.addAll(List.of("--virtual-time-budget=15000", "--dump-dom", url));
        return ChildProcess.run(
                        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD),
                        Duration.ofSeconds(90))
                .output();
    }

    /** Debian's chromium, or $CHROMIUM; skipped with instructions where there is none, except in CI. */
    static String browser() {
        List<String> candidates = new ArrayList<>();
        if (System.getenv("CHROMIUM") != null) {
            candidates.add(System.getenv("CHROMIUM"));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                candidates.add(Path.of(dir, name).toString());
            }
        }
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String message = "no Chromium found: install Debian's package (sudo apt-get install chromium) or set "
                + "CHROMIUM to a Chrome or Chromium binary";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " (CI must run this test)");
        }
        Assumptions.abort("browser test skipped: " + message);
        return null;
    }
}
