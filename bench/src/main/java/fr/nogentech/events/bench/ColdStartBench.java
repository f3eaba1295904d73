package fr.nogentech.events.bench;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.Speaker;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.MotoMail;
import fr.nogentech.events.local.MotoServer;
import fr.nogentech.events.local.ProjectRoot;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.store.EventStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code make bench}: the cold start of the functions, one fresh JVM per run ({@code -XX:TieredStopAtLevel=1}, as in
 * the template), each answering one request against moto (a Query of 20 events, or one GetItem). Prints medians as
 * ratios to the plain-Java handler measured in the same run, so that the figures compare across machines; a time
 * never fails anything.
 */
public final class ColdStartBench {

    private record Variant(String name, String module, String what) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("bare-jvm", "list-events", "a JVM that starts and exits"),
            new Variant("plain-java", "list-events", "ListEventsApi wired by hand, one Query of 20"),
            new Variant("micronaut-empty-context", "list-events", "Lambda's Micronaut context alone, no bean of ours"),
            new Variant("micronaut-list-events", "list-events", "ListEventsHandler as Lambda runs it"),
            new Variant("micronaut-get-event", "get-event", "GetEventHandler as Lambda runs it"),
            new Variant("micronaut-calendar", "calendar", "GetCalendarHandler: the feed of 20 events (ical4j)"),
            new Variant("micronaut-subscriptions", "subscriptions",
                    "SubscriptionsHandler: a POST, queued for its confirmation (SQS)"));

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "15"));
        Path root = ProjectRoot.find();
        try (MotoServer moto = MotoServer.start(root, root.resolve("target/moto-bench.log"))) {
            LocalAws aws = LocalAws.at(moto.endpoint());
            String table = TestStack.newEventsTable(aws, "bench");
            String firstId = seedTwentyEvents(aws, table);
            MotoMail.verifySender(aws, "annonces@nogentech.fr");
            Map<String, String> environment = new HashMap<>(Map.of(
                    "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                    "AWS_REGION", aws.region(),
                    "AWS_ACCESS_KEY_ID", aws.accessKeyId(),
                    "AWS_SECRET_ACCESS_KEY", aws.secretAccessKey(),
                    "EVENTS_TABLE", table,
                    "CURSOR_SECRET", "bench-cursor-secret-0123456789abcdef",
                    "BENCH_EVENT_ID", firstId,
                    "EVENT_PAGE_URL", "https://www.nogentech.fr/evenements/{id}"));
            environment.putAll(Map.of("CONFIRMATION_QUEUE_URL",
                    TestStack.newQueues(aws, "bench").get("ConfirmationQueue"),
                    "SUBSCRIPTION_SECRET", "bench-subscription-secret-0123456789abcdef",
                    "API_URL", "https://api.nogentech.fr"));

            Map<Variant, List<long[]>> results = new LinkedHashMap<>();
            VARIANTS.forEach(v -> results.put(v, new ArrayList<>()));
            for (int run = 0; run < runs; run++) {
                // Interleaved, so that a slow moment of the machine spreads over every variant.
                for (Variant variant : VARIANTS) {
                    results.get(variant).add(probe(root, variant, environment));
                }
            }
            report(runs, results);
        }
    }

    private static String seedTwentyEvents(LocalAws aws, String table) {
        try (var dynamoDb = aws.dynamoDb()) {
            EventStore store = new EventStore(dynamoDb, table, Clock.systemUTC());
            String first = null;
            for (int i = 0; i < 20; i++) {
                LocalDateTime start = LocalDateTime.parse("2023-10-12T08:30").plusWeeks(i);
                String id = start.toLocalDate() + "-bench-" + i;
                first = first == null ? id : first;
                store.insertIfAbsent(new Event(id, "Rencontre " + i, "rencontres-du-jeudi", start.atZone(EventDefaults.TIME_ZONE),
                        start.plusHours(2).atZone(EventDefaults.TIME_ZONE), EventDefaults.TIME_ZONE, new Venue("Canopé", "Chaumont"),
                        List.of(new Speaker("Germain Chittaro", "groupe Interactions", Speaker.Role.SPEAKER)),
                        EventStatus.SCHEDULED, 0, null, null));
            }
            return first;
        }
    }

    /** {total ms from launch to answer, init ms (launch to handler ready), classes loaded}. */
    private static long[] probe(Path root, Variant variant, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path module = root.resolve("functions").resolve(variant.module());
        String classpath = String.join(java.io.File.pathSeparator,
                root.resolve("bench/target/classes").toString(),
                module.resolve("target/classes").toString(),
                Files.readString(module.resolve("target/classpath.txt")).trim());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                ColdStartProbe.class.getName(), variant.name())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        if (variant.name().equals("micronaut-empty-context")) {
            builder.environment().remove("EVENTS_TABLE");
            builder.environment().remove("CURSOR_SECRET");
        }
        long launched = System.currentTimeMillis();
        Process process = builder.start();
        String probeLine = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.startsWith("PROBE ")) {
                    probeLine = line;
                }
            }
        }
        process.waitFor();
        if (probeLine == null) {
            throw new IllegalStateException(variant.name() + " printed no result:\n" + output);
        }
        String[] fields = probeLine.split(" ");
        if (!"200".equals(fields[4])) {
            throw new IllegalStateException(variant.name() + " answered " + fields[4] + ":\n" + output);
        }
        return new long[]{Long.parseLong(fields[2]) - launched, Long.parseLong(fields[1]) - launched,
                Long.parseLong(fields[3])};
    }

    private static void report(int runs, Map<Variant, List<long[]>> results) {
        double baseline = median(results.get(VARIANTS.get(1)), 0);
        System.out.printf("%nCold start, median of %d fresh JVMs each (java %s, -XX:TieredStopAtLevel=1), against "
                + "moto; ratio = time to first answer / plain-java's in this run%n%n", runs,
                System.getProperty("java.version"));
        System.out.printf("%-24s %7s %12s %12s %9s   %s%n", "variant", "ratio", "answer (ms)", "ready (ms)",
                "classes", "what");
        results.forEach((variant, samples) -> System.out.printf("%-24s %6.2fx %12.0f %12.0f %9.0f   %s%n",
                variant.name(), median(samples, 0) / baseline, median(samples, 0), median(samples, 1),
                median(samples, 2), variant.what()));
        System.out.println("\nready = launch to handler constructed (Micronaut context, beans, SDK client built);"
                + " answer = launch to first response (adds the first SDK call: signing, HTTP, JSON).");
    }

    private static double median(List<long[]> samples, int index) {
        List<Long> values = new ArrayList<>(samples.stream().map(s -> s[index]).toList());
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
    }
}
