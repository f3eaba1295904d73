package fr.nogentech.events.local;

import fr.nogentech.events.auth.AdminTokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;

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

    private static String curlBlock(String readme) {
        int section = readme.indexOf("## Administering events with curl");
        int start = readme.indexOf("```sh\n", section) + 6;
        return readme.substring(start, readme.indexOf("```", start));
    }

    private static boolean onPath(String command) {
        return ChildProcess.run(new ProcessBuilder("sh", "-c", "command -v " + command), Duration.ofSeconds(10))
                        .exitCode()
                == 0;
    }
}
