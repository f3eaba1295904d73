package fr.nogentech.events.bench;

import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Speaker;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.MotoServer;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.SamTemplate;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.Seeds;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.BenchItems;
import fr.nogentech.events.store.EventStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code make bench}: every function of {@code template.yaml}, each in fresh JVMs on its own runtime classpath, with
 * the JVM options Lambda would give it, against moto. Per function: the full cold start (launch, handler built, first
 * answer) as a ratio to a plain-Java handler measured in the same run; the first request after SnapStart's hooks ran,
 * as a ratio to the function's warm median; warm p50/p99 beside the same SDK calls made alone; the memory after the
 * first request; the package's size. Then whether a page of {@code GET /events} costs the same read on 10 events and
 * on 10,000. Runs are interleaved ({@code RUNS}, 5 by default; {@code WARM} invocations, 200 by default); a time never
 * fails anything.
 */
public final class ColdStartBench {

    /** The request each function answers: a sample of {@code events/}. A new function needs one here. */
    private static final Map<String, String> REQUESTS = Map.ofEntries(
            Map.entry("authorize-admin", "authorize-admin.json"),
            Map.entry("manage-events", "patch-event-venue.json"),
            Map.entry("list-events", "list-events.json"),
            Map.entry("get-event", "get-event.json"),
            Map.entry("calendar", "calendar-feed.json"),
            Map.entry("get-series", "get-series.json"),
            Map.entry("feed", "feed.json"),
            Map.entry("subscriptions", "subscribe.json"),
            Map.entry("registrations", "register.json"),
            Map.entry("send-confirmation", "confirmation-request.json"),
            Map.entry("manage-mailings", "mailing-status.json"),
            Map.entry("send-mailing", "mailing-scheduled.json"),
            Map.entry("registration-mail", "registration-reminder.json"),
            Map.entry("mail-feedback", "ses-bounce.json"));

    private static final String PROBE = ColdStartProbe.class.getName();

    /** A function of the template, as the bench runs it. */
    private record Function(
            String logicalId,
            String module,
            String handler,
            String event,
            int memorySize,
            Map<String, String> environment,
            String classpath) {}

    private record Sample(Map<String, String> values) {
        double number(String key) {
            return Double.parseDouble(values.get(key));
        }

        String text(String key) {
            return values.get(key);
        }
    }

    private final Path root;
    private final Path interceptorDir;
    private final String javaToolOptions;
    private final String extraClasspath;

    private ColdStartBench(Path root, String javaToolOptions) throws IOException {
        this.root = root;
        this.javaToolOptions = javaToolOptions;
        this.interceptorDir = root.resolve("bench/target/interceptor");
        Path file = interceptorDir.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
        Files.createDirectories(file.getParent());
        Files.writeString(file, BenchCalls.class.getName() + "\n");
        // The bench's classes (the probe), SnapStartHooks (local-stack) and Lambda's runtime interface client, whose
        // CRaC context the hooks run: taken from this JVM's own classpath, which the reactor built.
        List<String> extras = new ArrayList<>();
        extras.add(root.resolve("bench/target/classes").toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("aws-lambda-java-runtime-interface-client")
                    || entry.contains("local-stack")
                    || entry.replace('\\', '/').contains("local/stack/target")) {
                extras.add(entry);
            }
        }
        if (extras.size() < 3) {
            throw new IllegalStateException(
                    "the runtime interface client or local-stack is not on the bench's " + "classpath: " + extras);
        }
        this.extraClasspath = String.join(File.pathSeparator, extras);
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "5"));
        int warm = Integer.parseInt(System.getenv().getOrDefault("WARM", "200"));
        // A few functions by module name (list-events always, for the baseline), while working on them.
        Set<String> only = Arrays.stream(
                        System.getenv().getOrDefault("FUNCTIONS", "").split("[, ]+"))
                .filter(name -> !name.isBlank())
                .collect(Collectors.toSet());
        Path root = ProjectRoot.find();
        SamTemplate template = ProjectRoot.template();
        String toolOptions = String.valueOf(
                SamTemplate.map(SamTemplate.map(template.functionGlobals().get("Environment"))
                                .get("Variables"))
                        .getOrDefault("JAVA_TOOL_OPTIONS", ""));
        ColdStartBench bench = new ColdStartBench(root, toolOptions);
        try (MotoServer moto = MotoServer.start(root, root.resolve("target/moto-bench.log"))) {
            LocalAws aws = LocalAws.at(moto.endpoint());
            bench.run(template, aws, runs, warm, only);
        }
    }

    private void run(SamTemplate template, LocalAws aws, int runs, int warm, Set<String> only) throws Exception {
        long started = System.currentTimeMillis();
        MotoMail.verifySender(aws, "annonces@nogentech.fr");
        Map<String, String> references = new HashMap<>(template.parameterDefaults());
        references.putAll(TestStack.newQueues(aws, "bench"));
        references.put("CursorSecret", "bench-cursor-secret-0123456789abcdefghij");
        references.put("SubscriptionSecret", "bench-subscription-secret-0123456789abcdef");
        references.put("AdminTokenHashes", AdminTokens.entry("bench", SampleEvents.SAMPLE_TOKEN));
        // A confirmation per invocation, each to a new address: the daily cap must not turn them into no-ops.
        references.put("ConfirmationDailyCap", "1000000");
        references.put("MailConfigurationSet", "bench-mail");
        references.put("SendMailingFunction.Alias", "arn:aws:lambda:eu-west-3:000000000000:function:bench-mailer");
        references.put(
                "RegistrationMailFunction.Alias",
                "arn:aws:lambda:eu-west-3:000000000000:function:bench-registration-mail");

        List<Function> functions = new ArrayList<>();
        for (SamTemplate.Function function : template.functions()) {
            if (!only.isEmpty()
                    && !only.contains(Path.of(function.module()).getFileName().toString())
                    && !function.module().endsWith("list-events")) {
                continue;
            }
            // A table of its own, with the seeds: moto's Query time grows with the whole table, so that one function's
            // writes (the confirmations' subscribers) must not slow another's reads as the runs go.
            String table = TestStack.newEventsTable(aws, "bench");
            try (DynamoDbClient dynamoDb = aws.dynamoDb()) {
                EventStore store = new EventStore(dynamoDb, table, Clock.systemUTC());
                Seeds.load(store, Seeds.read(root.resolve("seeds")));
                if (function.logicalId().equals("RegistrationsFunction")) {
                    openForRegistration(store, SampleEvents.event(REQUESTS.get("registrations")));
                }
            }
            Map<String, String> own = new HashMap<>(references);
            own.put("EventsTable", table);
            functions.add(function(template, function, own, aws));
        }
        Function listEvents = functions.stream()
                .filter(f -> f.module().equals("list-events"))
                .findFirst()
                .orElseThrow();
        String listEvent = listEvents.event();

        // One cold start of each, not counted: the page cache holds the jars, and a function's first effects on the
        // table (the first mailing of the month, the first bounce) are behind every measured run.
        System.out.printf("warming up: one cold start of each of the %d functions%n", functions.size());
        for (Function function : functions) {
            probe(function, false, "cold", function.handler(), function.event());
        }

        Map<String, List<Sample>> cold = new LinkedHashMap<>();
        Map<String, List<Sample>> hooks = new LinkedHashMap<>();
        Map<String, List<Sample>> primed = new LinkedHashMap<>();
        List<Sample> bareJvm = new ArrayList<>();
        List<Sample> context = new ArrayList<>();
        List<Sample> plain = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            System.out.printf("run %d of %d (%s)%n", run + 1, runs, elapsed(started));
            // Interleaved, so that a slow moment of the machine spreads over every variant.
            bareJvm.add(probe(listEvents, false, "bare-jvm"));
            Function noConfiguration = new Function(
                    listEvents.logicalId(),
                    listEvents.module(),
                    null,
                    null,
                    listEvents.memorySize(),
                    Map.of("AWS_REGION", aws.region()),
                    listEvents.classpath());
            context.add(probe(noConfiguration, false, "micronaut-context"));
            plain.add(probe(listEvents, false, "plain-java", listEvent));
            for (Function function : functions) {
                cold.computeIfAbsent(function.logicalId(), k -> new ArrayList<>())
                        .add(probe(function, false, "cold", function.handler(), function.event()));
                hooks.computeIfAbsent(function.logicalId(), k -> new ArrayList<>())
                        .add(probe(
                                function, true, "hooks", function.handler(), function.event(), Integer.toString(warm)));
                primed.computeIfAbsent(function.logicalId(), k -> new ArrayList<>())
                        .add(probe(function, false, "primed", function.handler(), function.event()));
            }
        }

        System.out.printf("read cost: a page of GET /events on 10 and on 10,000 events (%s)%n", elapsed(started));
        Map<Integer, Sample> readCost = new LinkedHashMap<>();
        for (int size : new int[] {10, 10_000}) {
            String sized = TestStack.newEventsTable(aws, "bench-" + size);
            writeEvents(aws, sized, size);
            Map<String, String> environment = new LinkedHashMap<>(listEvents.environment());
            environment.put("EVENTS_TABLE", sized);
            Function onTable = new Function(
                    listEvents.logicalId(),
                    listEvents.module(),
                    listEvents.handler(),
                    listEvent,
                    listEvents.memorySize(),
                    environment,
                    listEvents.classpath());
            readCost.put(size, probe(onTable, true, "readcost", onTable.handler(), listEvent, "50"));
        }

        report(runs, warm, functions, bareJvm, context, plain, cold, hooks, primed, readCost, elapsed(started));
    }

    private Function function(
            SamTemplate template, SamTemplate.Function function, Map<String, String> references, LocalAws aws)
            throws IOException {
        String module = Path.of(function.module()).getFileName().toString();
        String event = REQUESTS.get(module);
        if (event == null) {
            throw new IllegalStateException("template.yaml's " + function.logicalId() + " (" + module + ") has no "
                    + "request in ColdStartBench.REQUESTS: add the sample of events/ it should answer");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        function.environment()
                .forEach((name, value) -> environment.put(name, resolve(function, name, value, references)));
        environment.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        environment.put("AWS_REGION", aws.region());
        environment.put("AWS_ACCESS_KEY_ID", aws.accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", aws.secretAccessKey());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        Object memory = SamTemplate.map(template.resource(function.logicalId()).get("Properties"))
                .get("MemorySize");
        if (memory == null) {
            memory = template.functionGlobals().get("MemorySize");
        }
        Path moduleDir = root.resolve(function.module());
        Path classpathFile = moduleDir.resolve("target/bench-classpath.txt");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: run `make bench`, which writes it");
        }
        String classpath = String.join(
                File.pathSeparator,
                moduleDir.resolve("target/classes").toString(),
                Files.readString(classpathFile).trim());
        return new Function(
                function.logicalId(),
                module,
                function.handlerClass(),
                root.resolve("events").resolve(event).toString(),
                Integer.parseInt(String.valueOf(memory)),
                environment,
                classpath);
    }

    /**
     * The seeded event that registrations' sample registers to, moved a month ahead and open for registration (the
     * seeds are of 2023: the sample would be refused as closed), with seats enough for every run (the same registrant each time).
     */
    private static void openForRegistration(EventStore store, com.fasterxml.jackson.databind.JsonNode request) {
        String id = request.path("pathParameters").path("id").asText();
        Event current = store.findForUpdate(id).orElseThrow();
        ZonedDateTime start = ZonedDateTime.now(EventDefaults.TIME_ZONE)
                .plusDays(30)
                .withHour(8)
                .withMinute(30)
                .withSecond(0)
                .withNano(0);
        com.fasterxml.jackson.databind.node.ObjectNode input = fr.nogentech.events.event.EventInput.toInput(current);
        input.put("start", start.toLocalDateTime().toString());
        input.put("end", start.plusHours(2).toLocalDateTime().toString());
        input.putObject("registration").put("capacity", 10_000);
        input.remove("status");
        store.replace(current, fr.nogentech.events.event.EventInput.read(input), "bench");
    }

    /** {@code !Ref X} and {@code !GetAtt X.Y} from the bench's references; text as it is. */
    private static String resolve(
            SamTemplate.Function function, String name, Object value, Map<String, String> references) {
        if (value instanceof Map<?, ?> map && (map.containsKey("Ref") || map.containsKey("Fn::GetAtt"))) {
            Object target = map.containsKey("Ref") ? map.get("Ref") : map.get("Fn::GetAtt");
            String key = target instanceof List<?> parts
                    ? parts.stream().map(String::valueOf).collect(Collectors.joining("."))
                    : String.valueOf(target);
            String resolved = references.get(key);
            if (resolved == null) {
                throw new IllegalStateException("template.yaml: " + function.logicalId() + " sets " + name + " from "
                        + key + ", which the bench does not provide (ColdStartBench.run's references)");
            }
            return resolved;
        }
        return String.valueOf(value);
    }

    /** Runs one probe in a fresh JVM; {@code interceptor}: with the SDK interceptor that records calls. */
    private Sample probe(Function function, boolean interceptor, String... args)
            throws IOException, InterruptedException {
        String classpath = String.join(File.pathSeparator, extraClasspath, function.classpath());
        if (interceptor) {
            classpath = interceptorDir + File.pathSeparator + classpath;
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The machine as Lambda's sandbox shows it to the JVM: the function's memory as all the RAM there
                // is (it sizes the initial heap, hence the young generation and the RSS), the serial collector and a
                // heap of about 85 % of it, as Lambda's launcher sets them; JAVA_TOOL_OPTIONS from the template below.
                "-XX:MaxRAM=" + function.memorySize() + "m",
                "-XX:+UseSerialGC",
                "-XX:MaxHeapSize=" + function.memorySize() * 85 / 100 + "m",
                // org.crac hands the handlers' registrations to Lambda's own CRaC context, as in Lambda.
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Dproject.root=" + root,
                "-cp",
                classpath,
                PROBE));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(function.environment());
        builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        long launched = System.currentTimeMillis();
        Process process = builder.start();
        String probeLine = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.startsWith("PROBE ")) {
                    probeLine = line;
                }
            }
        }
        int exit = process.waitFor();
        if (probeLine == null || exit != 0) {
            throw new IllegalStateException(function.module() + " " + String.join(" ", args) + " printed no result ("
                    + "exit " + exit + "):\n" + output);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : probeLine.substring("PROBE ".length()).split(" ")) {
            int equals = field.indexOf('=');
            values.put(field.substring(0, equals), field.substring(equals + 1));
        }
        String status = values.getOrDefault("status", "ok");
        if (!status.equals("ok") && !status.startsWith("2")) {
            throw new IllegalStateException(function.module() + " " + args[0] + " answered " + status + ":\n" + output);
        }
        if (values.containsKey("ready")) {
            values.put("readyMs", Long.toString(Long.parseLong(values.get("ready")) - launched));
            values.put("answerMs", Long.toString(Long.parseLong(values.get("answered")) - launched));
        }
        return new Sample(values);
    }

    /** {@code count} events in the window of {@code events/list-events.json}, written 25 at a time. */
    private static void writeEvents(LocalAws aws, String table, int count) throws Exception {
        LocalDateTime first = LocalDateTime.parse("2023-09-01T08:00");
        long spacingMinutes = Math.max(1, Duration.ofDays(200).toMinutes() / count);
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDateTime start = first.plusMinutes(i * spacingMinutes);
            ZonedDateTime zoned = start.atZone(EventDefaults.TIME_ZONE);
            Event event = new Event(
                    start.toLocalDate() + "-bench-" + i,
                    "Rencontre " + i,
                    i % 2 == 0 ? "rencontres-du-jeudi" : null,
                    zoned,
                    zoned.plusHours(2),
                    EventDefaults.TIME_ZONE,
                    new Venue("Canopé", "Chaumont"),
                    List.of(new Speaker("Germain Chittaro", "groupe Interactions", Speaker.Role.SPEAKER)),
                    EventStatus.SCHEDULED,
                    1,
                    null,
                    null);
            writes.add(WriteRequest.builder()
                    .putRequest(
                            PutRequest.builder().item(BenchItems.item(event)).build())
                    .build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (DynamoDbClient dynamoDb = aws.dynamoDb()) {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < writes.size(); from += 25) {
                List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + 25));
                batches.add(pool.submit(() -> {
                    Map<String, List<WriteRequest>> left = Map.of(table, batch);
                    while (!left.isEmpty()) {
                        Map<String, List<WriteRequest>> request = left;
                        left = dynamoDb.batchWriteItem(r -> r.requestItems(request))
                                .unprocessedItems();
                    }
                    return null;
                }));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void report(
            int runs,
            int warm,
            List<Function> functions,
            List<Sample> bareJvm,
            List<Sample> context,
            List<Sample> plain,
            Map<String, List<Sample>> cold,
            Map<String, List<Sample>> hooks,
            Map<String, List<Sample>> primed,
            Map<Integer, Sample> readCost,
            String took)
            throws IOException {
        double baseline = median(plain, "answerMs");
        System.out.printf(
                "%nCold start and warm calls of every function of template.yaml, medians of %d runs in fresh "
                        + "JVMs (java %s, %d cores; MaxRAM = MemorySize, -XX:+UseSerialGC, MaxHeapSize 85%% of it, "
                        + "JAVA_TOOL_OPTIONS=%s), against moto; %d warm invocations a run; took %s%n%n",
                runs,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                javaToolOptions,
                warm,
                took);
        System.out.printf(
                "Baselines: bare JVM %.0f ms; the handlers' Micronaut context alone %.0f ms; plain-java "
                        + "(ListEventsApi wired by hand) ready %.0f ms, first answer %.0f ms = 1.00x, RSS %.0f MB, "
                        + "%.0f classes%n%n",
                median(bareJvm, "answerMs"),
                median(context, "answerMs"),
                median(plain, "readyMs"),
                baseline,
                median(plain, "rssKb") / 1024,
                median(plain, "classes"));

        System.out.println(
                "Full cold start (launch -> handler built -> first answer) and memory after the first " + "answer");
        System.out.printf(
                "%-22s %6s %8s %8s %7s %7s %7s %7s %8s %8s%n",
                "function", "memory", "ready", "answer", "ratio", "RSS", "heap", "live", "classes", "request");
        for (Function f : functions) {
            List<Sample> s = cold.get(f.logicalId());
            System.out.printf(
                    "%-22s %6d %6.0fms %6.0fms %6.2fx %5.0fMB %5.0fMB %5.0fMB %8.0f   %s%n",
                    f.module(),
                    f.memorySize(),
                    median(s, "readyMs"),
                    median(s, "answerMs"),
                    median(s, "answerMs") / baseline,
                    median(s, "rssKb") / 1024,
                    median(s, "heapUsedKb") / 1024,
                    median(s, "liveHeapKb") / 1024,
                    median(s, "classes"),
                    Path.of(f.event()).getFileName());
        }

        System.out.printf("%nAfter SnapStart's hooks (built, beforeCheckpoint + afterRestore run as Lambda runs them),"
                + " then warm: ms per invocation%n");
        System.out.printf(
                "%-22s %7s %8s %7s %8s %8s %7s %7s %7s %7s %7s %9s   %s%n",
                "function",
                "hooks",
                "1st",
                "ratio",
                "loaded",
                "own",
                "ratio",
                "warm50",
                "warm99",
                "bare50",
                "bare99",
                "overhead",
                "SDK calls of one invocation");
        for (Function f : functions) {
            List<Sample> s = hooks.get(f.logicalId());
            double warm50 = median(s, "warmP50");
            boolean bare = s.getFirst().values().containsKey("bareP50");
            System.out.printf(
                    "%-22s %5.0fms %6.1fms %6.2fx %8.0f %6.1fms %6.2fx %7.2f %7.2f %7s %7s %9s   %s%n",
                    f.module(),
                    median(s, "hooksMs"),
                    median(s, "firstAfterHooksMs"),
                    median(s, "firstAfterHooksMs") / warm50,
                    median(s, "firstLoadedClasses"),
                    median(primed.get(f.logicalId()), "firstPrimedMs"),
                    median(primed.get(f.logicalId()), "firstPrimedMs") / warm50,
                    warm50,
                    median(s, "warmP99"),
                    bare ? format(median(s, "bareP50")) : "-",
                    bare ? format(median(s, "bareP99")) : "-",
                    bare ? format(warm50 - median(s, "bareP50")) : "-",
                    s.getFirst().text("calls")
                            + (bare && median(s, "bareErrors") > 0
                                    ? " (" + (long) median(s, "bareErrors") + " of the replays refused)"
                                    : ""));
        }

        System.out.printf(
                "%nPackages (functions/NAME/target/NAME-lambda.zip, as this run's `mvn package` wrote them)%n");
        System.out.printf("%-22s %9s %10s %8s%n", "function", "zip", "unzipped", "jars");
        for (Function f : functions) {
            Path zip = root.resolve("functions").resolve(f.module()).resolve("target/" + f.module() + "-lambda.zip");
            if (!Files.exists(zip)) {
                System.out.printf("%-22s %9s%n", f.module(), "(no zip: run mvn package)");
                continue;
            }
            long unzipped = 0;
            int jars = 0;
            try (ZipFile file = new ZipFile(zip.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    unzipped += Math.max(0, entry.getSize());
                    jars += entry.getName().endsWith(".jar") ? 1 : 0;
                }
            }
            System.out.printf("%-22s %7.2fMB %8.2fMB %8d%n", f.module(), Files.size(zip) / 1e6, unzipped / 1e6, jars);
        }

        System.out.printf(
                "%nRead cost of a page of GET /events (%s, ListEventsHandler, its own Query recorded with "
                        + "ReturnConsumedCapacity TOTAL)%n",
                Path.of(functions.stream()
                                .filter(f -> f.module().equals("list-events"))
                                .findFirst()
                                .orElseThrow()
                                .event())
                        .getFileName());
        System.out.printf(
                "%-13s %6s %6s %13s %7s %8s %9s %9s %9s%n",
                "table", "Limit", "Count", "ScannedCount", "events", "queries", "capacity", "warm50", "bare50");
        readCost.forEach((size, s) -> System.out.printf(
                "%,6d events %6s %6s %13s %7s %8s %9s %7.2fms %7.2fms%n",
                size,
                s.text("limit"),
                s.text("count"),
                s.text("scannedCount"),
                s.text("events"),
                s.text("queries"),
                s.text("consumedCapacity"),
                s.number("warmP50"),
                s.number("bareP50")));
        System.out.println("\nready/answer: launch to handler built / to first answer; ratio: answer / plain-java's. "
                + "1st: the first invocation after the hooks; ratio: 1st / warm50; loaded: classes the first "
                + "invocation still loaded (what priming did not reach); own: the first invocation after the "
                + "handler's own hooks called directly, not through Lambda's context (which clears the DNS cache and "
                + "calls System.gc() after them: a no-op under the template's -XX:+DisableExplicitGC), and its ratio "
                + "to warm50 (see bench/README.md). bare: the same SDK calls alone "
                + "(recorded from one invocation, made again) on a client with the functions' settings; overhead: "
                + "warm50 - bare50; a replayed write may be refused (its condition no longer holds): still a call. "
                + "RSS: VmRSS; heap: used, and live after a full GC.");
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String elapsed(long started) {
        long seconds = (System.currentTimeMillis() - started) / 1000;
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    private static double median(List<Sample> samples, String key) {
        List<Double> values =
                new ArrayList<>(samples.stream().map(s -> s.number(key)).toList());
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
    }
}
