package fr.nogentech.events.local;

import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.config.ConfigKeys;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's curl commands, run as written (bash and curl) against the development server. */
class ReadmeCurlTest {

    @Test
    void theAdministratorsCurlCommandsWorkAsWritten() throws Exception {
        Assumptions.assumeTrue(
                onPath("bash") && onPath("curl"),
                "skipped: bash and curl are needed to run the " + "README's commands");
        String script = curlBlock(Files.readString(ProjectRoot.find().resolve("README.md")));
        String table = SeededTables.newSeededEventsTable("readme");
        String token = AdminTokens.newToken();
        try (DevServer server = DevServer.start(
                ProjectRoot.template(), LocalRunTables.parameters(table, AdminTokens.entry("readme", token)), 0)) {
            ProcessBuilder bash = new ProcessBuilder(
                            "bash",
                            "-e",
                            "-c",
                            script.replace(
                                    "http://127.0.0.1:3000", server.baseUri().toString()))
                    .redirectErrorStream(false);
            bash.environment().put("ADMIN_TOKEN", token);
            ChildProcess.Result run = ChildProcess.run(bash, Duration.ofSeconds(60));
            String output = run.output();
            assertEquals(0, run.exitCode(), output + "\n(stderr) " + run.errors());
            assertTrue(output.contains("HTTP/1.1 201 Created"), output);
            assertTrue(output.contains("\"venue\":{\"name\":\"CRITT MI\",\"city\":\"Nogent\"}"), output);
            assertTrue(output.contains("\"status\":\"cancelled\""), output);
            assertTrue(output.contains("HTTP/1.1 204 No Content"), output);
            assertTrue(output.endsWith("{\"items\":[],\"next\":null}"), output);
        }
    }

    @Test
    void theRegistrationWalkThroughWorksAsWritten(@TempDir Path outbox) throws Exception {
        Assumptions.assumeTrue(
                onPath("bash") && onPath("curl"),
                "skipped: bash and curl are needed to run the " + "README's commands");
        // The README names a date; the test moves it two months on from today, so that registrations are open.
        String day = LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(2).toString();
        String script = curlBlock(Files.readString(ProjectRoot.find().resolve("README.md")), "## Registrations")
                .replace("2029-09-13", day)
                .replace("2029-09-12T18:00", LocalDate.parse(day).minusDays(1) + "T18:00")
                .replace("target/outbox/", outbox + "/");
        String table = SeededTables.newSeededEventsTable("readme-registrations");
        String token = AdminTokens.newToken();
        try (DevServer server = DevServer.start(
                ProjectRoot.template(),
                LocalRunTables.parameters(table, AdminTokens.entry("readme", token)),
                0,
                Map.of(ConfigKeys.OUTBOX_DIR, outbox.toString()))) {
            ProcessBuilder bash = new ProcessBuilder(
                    "bash",
                    "-e",
                    "-c",
                    script.replace("http://127.0.0.1:3000", server.baseUri().toString()));
            bash.environment().put("ADMIN_TOKEN", token);
            ChildProcess.Result run = ChildProcess.run(bash, Duration.ofSeconds(60));
            String output = run.output();
            assertEquals(0, run.exitCode(), output + "\n(stderr) " + run.errors());
            assertTrue(output.contains("\"registration\":{\"capacity\":12"), output);
            assertTrue(output.contains("\"remaining\":12,\"open\":true"), output);
            assertTrue(output.contains("\"status\":\"accepted\""), output);
            try (var emails = Files.list(outbox)) {
                assertEquals(
                        1, emails.filter(f -> f.toString().endsWith(".eml")).count(), output);
            }
            // The organisers' list, as JSON then as CSV.
            assertTrue(output.contains("\"pending\":1"), output);
            assertTrue(output.contains("state,name,organization,email,registered_at,confirmed_at"), output);
        }
    }

    private static String curlBlock(String readme) {
        return curlBlock(readme, "## Administering events with curl");
    }

    private static String curlBlock(String readme, String heading) {
        int section = readme.indexOf("\n" + heading + "\n");
        assertTrue(section >= 0, heading + " is not in README.md");
        int start = readme.indexOf("```sh\n", section) + 6;
        return readme.substring(start, readme.indexOf("```", start));
    }

    private static boolean onPath(String command) {
        return ChildProcess.run(new ProcessBuilder("sh", "-c", "command -v " + command), Duration.ofSeconds(10))
                        .exitCode()
                == 0;
    }
}
