package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.SubscriberStore;
import fr.nogentech.events.subscription.EmailAddress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Proves that each function's deployment package works on its own, as Lambda receives it (the packages are shrunk
 * by ProGuard: functions/proguard.pro). For every function of {@code template.yaml}: the jars of its zip
 * ({@code CodeUri}) are extracted to a temporary folder, and a fresh JVM with only those jars on its class path
 * (RunHandler.java, a single source file that uses the JDK and Lambda's interfaces) builds the handler with its no-arg
 * constructor from the function's environment in the template (its defaults; tables, queues, secrets and the
 * mailer's ARN made here) and the SDK's standard settings pointing at moto, primes it as SnapStart does, and runs
 * events/ payloads through {@code handleRequest}. Each answer is checked, and so are the side effects that need the
 * shrunk SDK clients: the emails moto's SES received, the mailer invocation that the Lambda client sent.
 *
 * <p>Run by {@code make deploy-check} after {@code mvn package}. Exits non-zero with what failed.
 */
public final class PackagedFunctionsCheck {

    /** The sample token of events/ (the authorizer's events and the administrators' routes carry it). */
    static final String SAMPLE_TOKEN = "ntk_sample-token-of-the-events-folder-0000000000";

    static final String SENDER = "annonces@nogentech.fr";
    static final String SUBSCRIBER = "package-check@example.org";

    /** One payload of events/ and what its answer must be. */
    record Case(String event, Predicate<JsonNode> expected, String expectation) {
        static Case status(String event, int status) {
            return new Case(event, answer -> answer.path("statusCode").asInt() == status, "statusCode " + status);
        }
    }

    /** Every function of the template has its cases here: a function without any fails the check. */
    static final Map<String, List<Case>> CASES = Map.ofEntries(
            Map.entry(
                    "AuthorizeAdminFunction",
                    List.of(new Case(
                            "authorize-admin.json",
                            answer -> answer.path("isAuthorized").asBoolean(),
                            "isAuthorized true"))),
            Map.entry("ManageEventsFunction", List.of(Case.status("create-event.json", 201))),
            Map.entry("ListEventsFunction", List.of(Case.status("list-events.json", 200))),
            Map.entry("GetEventFunction", List.of(Case.status("get-event.json", 200))),
            Map.entry("GetCalendarFunction", List.of(Case.status("calendar-feed.json", 200))),
            Map.entry("GetSeriesFunction", List.of(Case.status("get-series.json", 200))),
            Map.entry("GetFeedFunction", List.of(Case.status("feed.json", 200))),
            Map.entry("SubscriptionsFunction", List.of(Case.status("subscribe.json", 202))),
            // The seeded event takes no registrations: the answer is the problem that says so.
            Map.entry("RegistrationsFunction", List.of(Case.status("register.json", 409))),
            Map.entry(
                    "SendConfirmationFunction",
                    List.of(new Case(
                            "confirmation-request.json",
                            answer -> answer.path("batchItemFailures").isArray()
                                    && answer.path("batchItemFailures").isEmpty(),
                            "no batch item failure"))),
            Map.entry(
                    "ManageMailingsFunction",
                    List.of(Case.status("mailing-status.json", 200), Case.status("mailing-send.json", 202))),
            Map.entry(
                    "SendMailingFunction",
                    List.of(new Case("mailing-requested.json", answer -> !answer.isMissingNode(), "an answer"))),
            Map.entry(
                    "RegistrationMailFunction",
                    List.of(new Case(
                            "registration-reminder.json",
                            answer -> answer.path("reminders").isInt(),
                            "a count of reminders"))),
            Map.entry(
                    "MailFeedbackFunction",
                    List.of(new Case(
                            "ses-bounce.json",
                            answer -> answer.path("suppressed").asInt() == 1,
                            "suppressed 1"))));

    private PackagedFunctionsCheck() {}

    public static void main(String[] args) throws Exception {
        Path root = ProjectRoot.find();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        Path work = Files.createDirectories(root.resolve("target/package-check"));
        long started = System.nanoTime();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> invocations = new CopyOnWriteArrayList<>();
        HttpServer lambda = lambdaStandIn(invocations);
        try (MotoServer moto = MotoServer.start(root, work.resolve("moto.log"))) {
            LocalAws aws = LocalAws.at(moto.endpoint());
            Map<String, String> references = stack(root, template, aws);
            Map<String, String> sdk = Map.of(
                    "AWS_ENDPOINT_URL",
                    aws.endpoint().toString(),
                    "AWS_ENDPOINT_URL_LAMBDA",
                    "http://127.0.0.1:" + lambda.getAddress().getPort(),
                    "AWS_REGION",
                    aws.region(),
                    "AWS_DEFAULT_REGION",
                    aws.region(),
                    "AWS_ACCESS_KEY_ID",
                    aws.accessKeyId(),
                    "AWS_SECRET_ACCESS_KEY",
                    aws.secretAccessKey());
            Path runner = work.resolve("RunHandler.java");
            try (InputStream source =
                    PackagedFunctionsCheck.class.getResourceAsStream("/package-check/RunHandler.java")) {
                Files.copy(source, runner, StandardCopyOption.REPLACE_EXISTING);
            }
            // two at a time: the machines are two cores, and each run is mostly one JVM starting
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> runs = new ArrayList<>();
            for (SamTemplate.Function function : template.functions()) {
                runs.add(pool.submit(() -> {
                    try {
                        check(root, work, runner, function, environment(function, references, sdk));
                    } catch (Exception | AssertionError e) {
                        failures.add(function.logicalId() + ": " + e.getMessage());
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            // What the shrunk SES and Lambda clients must have done, seen from the other side.
            expectMail(aws, failures, "SendConfirmationFunction", "marie.dupont@example.org");
            expectMail(aws, failures, "SendMailingFunction", SUBSCRIBER);
            if (invocations.stream().noneMatch(i -> i.contains("SendMailingFunction") && i.contains("Event"))) {
                failures.add("ManageMailingsFunction: the mailer was not invoked (invocations: " + invocations + ")");
            }
        } finally {
            lambda.stop(0);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        if (!failures.isEmpty()) {
            failures.forEach(failure -> System.out.println("FAILED " + failure));
            long failed = failures.stream()
                    .map(failure -> failure.substring(0, failure.indexOf(':')))
                    .distinct()
                    .count();
            System.out.printf(
                    "%d of %d functions' packages failed (%d s)%n",
                    failed, template.functions().size(), seconds);
            System.exit(1);
        }
        System.out.printf(
                "%d functions' packages ran their events alone, against moto (%d s)%n",
                template.functions().size(), seconds);
    }

    /** Tables, queues, seeds, a verified sender, a configuration set, subscribers: the references of the template. */
    static Map<String, String> stack(Path root, SamTemplate template, LocalAws aws) {
        Map<String, String> references = new HashMap<>(template.parameterDefaults());
        try (DynamoDbClient dynamoDb = aws.dynamoDb()) {
            for (SamTemplate.Table table : template.tables()) {
                String name = "package-check-" + table.logicalId();
                TemplateTables.create(dynamoDb, table, name);
                references.put(table.logicalId(), name);
            }
            String events = references.get("EventsTable");
            Seeds.load(new EventStore(dynamoDb, events, Clock.systemUTC()), Seeds.read(root.resolve("seeds")));
            SubscriberStore subscribers = new SubscriberStore(dynamoDb, events);
            Instant now = Instant.now();
            // one confirmed subscriber for the mailing, and the address that events/ses-bounce.json bounces
            for (String address : List.of(SUBSCRIBER, "ancien.adherent@example.org")) {
                EmailAddress parsed = EmailAddress.parse(address, "email");
                subscribers.requestConfirmation(parsed, 1, now, Duration.ZERO);
                subscribers.confirm(parsed.hash(), 1, now);
            }
        }
        try (SqsClient sqs = aws.sqs()) {
            references.putAll(TemplateQueues.create(sqs, template, "package-check-"));
        }
        MotoMail.verifySender(aws, SENDER);
        try (SesV2Client ses = aws.ses()) {
            ses.createConfigurationSet(r -> r.configurationSetName("package-check-mail"));
        }
        references.put("MailConfigurationSet", "package-check-mail");
        references.put("CursorSecret", LocalRun.randomSecret());
        references.put("SubscriptionSecret", LocalRun.randomSecret());
        references.put("AdminTokenHashes", AdminTokens.entry("package-check", SAMPLE_TOKEN));
        for (SamTemplate.Function function : template.functions()) {
            String arn = "arn:aws:lambda:" + aws.region() + ":000000000000:function:" + function.logicalId();
            references.put(function.logicalId() + ".Arn", arn);
            references.put(function.logicalId() + ".Alias", arn + ":live");
        }
        return references;
    }

    static Map<String, String> environment(
            SamTemplate.Function function, Map<String, String> references, Map<String, String> sdk) {
        Map<String, String> environment = new LinkedHashMap<>(LocalFunction.variables(function, references));
        environment.putAll(sdk);
        return environment;
    }

    static void check(Path root, Path work, Path runner, SamTemplate.Function function, Map<String, String> environment)
            throws IOException, InterruptedException {
        List<Case> cases = CASES.get(function.logicalId());
        if (cases == null) {
            throw new AssertionError("no event to run it with: add it to PackagedFunctionsCheck.CASES");
        }
        Path zip = root.resolve(function.codeUri());
        if (!Files.isRegularFile(zip)) {
            throw new AssertionError(zip + " is missing: run `mvn package` first");
        }
        Path lib = work.resolve(function.logicalId());
        deleteTree(lib);
        Files.createDirectories(lib);
        try (ZipFile package_ = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : package_.stream().toList()) {
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    try (InputStream in = package_.getInputStream(entry)) {
                        Files.copy(in, lib.resolve(Path.of(entry.getName()).getFileName()));
                    }
                }
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                lib + "/*",
                runner.toString(),
                function.handlerClass()));
        cases.forEach(c -> command.add(root.resolve("events").resolve(c.event()).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Only what Lambda would give: the template's variables and the SDK's settings (no AWS profile of the host).
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Path log = work.resolve(function.logicalId() + ".log");
        builder.redirectOutput(log.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("no answer within 90 s; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(
                    "the handler failed (exit " + process.exitValue() + "); see " + log + "\n" + tail(output));
        }
        List<String> answers = output.lines()
                .filter(line -> line.startsWith("answer "))
                .map(line -> line.substring("answer ".length()))
                .toList();
        if (answers.size() != cases.size()) {
            throw new AssertionError(answers.size() + " answers for " + cases.size() + " events; see " + log);
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JsonNode answer = Json.MAPPER.readTree(answers.get(i));
            if (!c.expected().test(answer)) {
                throw new AssertionError(c.event() + ": expected " + c.expectation() + ", answered "
                        + abbreviate(answers.get(i)) + "; see " + log);
            }
        }
        String timing = output.lines()
                .filter(line -> line.startsWith("timing "))
                .findFirst()
                .orElse("timing ?")
                .substring("timing ".length());
        System.out.printf(
                "ok %-26s %-29s %6.2f MB  %s; %s; whole run %d ms%n",
                function.logicalId(),
                zip.getFileName(),
                Files.size(zip) / 1e6,
                cases.stream().map(Case::event).toList(),
                timing,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    static void expectMail(LocalAws aws, List<String> failures, String function, String recipient) {
        if (MotoMail.sent(aws, to -> to.equalsIgnoreCase(recipient)).isEmpty()) {
            failures.add(function + ": SES received no email to " + recipient);
        }
    }

    /** Lambda's Invoke API, as the mailing function calls it to hand a mailing to the mailer: recorded, answered 202. */
    static HttpServer lambdaStandIn(List<String> invocations) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/2015-03-31/functions/", exchange -> {
            invocations.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
