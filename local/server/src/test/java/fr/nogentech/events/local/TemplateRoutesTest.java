package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.lambda.ApiHandler;
import fr.nogentech.events.lambda.FunctionHandler;
import io.micronaut.context.ApplicationContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routes of template.yaml against the handler classes and function modules. */
class TemplateRoutesTest {

    private final Path root = ProjectRoot.find();
    private final SamTemplate template = ProjectRoot.template();

    @Test
    void declaresThePublicReadRoutes() {
        List<String> routes = template.functions().stream()
                .flatMap(f -> f.routes().stream())
                .map(SamTemplate.Route::key)
                .toList();
        assertTrue(routes.containsAll(List.of("GET /events", "GET /events/{id}")), routes.toString());
    }

    @Test
    void everyFunctionHasItsModuleAndAHandlerTheDevServerCanConfigure() throws Exception {
        assertFalse(template.functions().isEmpty());
        for (SamTemplate.Function function : template.functions()) {
            assertEquals(
                    function.module() + "/target/" + Path.of(function.module()).getFileName() + "-lambda.zip",
                    function.codeUri(),
                    function.logicalId() + ": CodeUri is the zip its module's `mvn package` builds");
            Path module = root.resolve(function.module());
            assertTrue(Files.exists(module.resolve("pom.xml")), function.logicalId() + ": no module at " + module);
            Path source = module.resolve("src/main/java")
                    .resolve(function.handlerClass().replace('.', '/') + ".java");
            assertTrue(
                    Files.exists(source),
                    function.logicalId() + ": " + function.handlerClass() + " is not in " + function.module());
            Class<?> handler = Class.forName(function.handlerClass());
            assertTrue(RequestStreamHandler.class.isAssignableFrom(handler));
            assertTrue(
                    FunctionHandler.class.isAssignableFrom(handler),
                    function.logicalId() + ": a function's handler extends FunctionHandler (its context, its priming)");
            handler.getConstructor();
            handler.getConstructor(ApplicationContextBuilder.class);
        }
    }

    @Test
    void everyRouteGoesToAnApiHandlerAndNoQueueDoes() throws Exception {
        int routed = 0;
        for (SamTemplate.Function function : template.functions()) {
            Class<?> handler = Class.forName(function.handlerClass());
            if (!function.routes().isEmpty()) {
                routed++;
                assertTrue(
                        ApiHandler.class.isAssignableFrom(handler),
                        function.logicalId() + " serves " + function.routes()
                                + " (an event of the template's YAML under the wrong function?)");
            }
            if (!function.sqsEvents().isEmpty()) {
                assertFalse(ApiHandler.class.isAssignableFrom(handler), function.logicalId());
                assertTrue(function.routes().isEmpty(), function.logicalId() + " reads a queue and serves routes");
            }
        }
        assertEquals(9, routed, "the functions behind API Gateway");
    }

    @Test
    void aRouteWithNoHandlerClassStopsTheServerAtStartUp(@TempDir Path dir) throws IOException {
        String yaml = Files.readString(root.resolve("template.yaml"))
                .replace(
                        "fr.nogentech.events.functions.GetEventHandler::handleRequest",
                        "fr.nogentech.events.functions.MissingHandler::handleRequest");
        Path broken = dir.resolve("template.yaml");
        Files.writeString(broken, yaml);
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> DevServer.start(SamTemplate.load(broken), LocalRunTables.parameters("t", ""), 0)
                        .close());
        assertTrue(e.getMessage().contains("MissingHandler"), e.getMessage());
        assertTrue(e.getMessage().contains("GET /events/{id}"), e.getMessage());
    }

    @Test
    void readsCloudFormationShortFormsAsData() {
        SamTemplate.Function list = template.functions().stream()
                .filter(f -> f.logicalId().equals("ListEventsFunction"))
                .findFirst()
                .orElseThrow();
        assertEquals(Map.of("Ref", "EventsTable"), list.environment().get("EVENTS_TABLE"));
        assertEquals(Map.of("Ref", "CursorSecret"), list.environment().get("CURSOR_SECRET"));
        assertEquals(
                ConfigKeys.EVENTS_TABLE,
                LocalFunction.environment(
                                list, Map.of("EventsTable", "t", "CursorSecret", "s", "CursorPreviousSecret", ""))
                        .keySet()
                        .stream()
                        .filter(k -> k.startsWith("events"))
                        .findFirst()
                        .orElseThrow());
    }

    @Test
    void resolvesGetAttOfAKnownResourceInItsShortAndLongForms() {
        SamTemplate.Function function = new SamTemplate.Function(
                "F",
                "c",
                "h",
                List.of(),
                Map.of(
                        "SHORT",
                        Map.of("Fn::GetAtt", "Queue.Arn"),
                        "LONG",
                        Map.of("Fn::GetAtt", List.of("Queue", "Arn")),
                        "URL",
                        Map.of("Ref", "Queue")),
                List.of(),
                List.of(),
                null,
                3);
        assertEquals(
                Map.of("short", "arn:q", "long", "arn:q", "url", "http://q"),
                LocalFunction.environment(function, Map.of("Queue", "http://q", "Queue.Arn", "arn:q")));
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> LocalFunction.environment(function, Map.of("Queue", "http://q")));
        assertTrue(e.getMessage().contains("!GetAtt Queue.Arn"), e.getMessage());
    }
}
