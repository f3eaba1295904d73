package fr.nogentech.events.seed;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventInput;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.store.EventStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The programme in {@code seeds/*.json}, read with the same strict rules as an administrator's request. */
public final class Seeds {

    /** What a load did: events stored, and events left as they were because their id exists already. */
    public record Result(int loaded, int alreadyPresent) {
    }

    private Seeds() {
    }

    public static List<Event> read(Path folder) {
        List<Event> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode document = Json.MAPPER.readTree(file.toFile());
                if (!document.isArray()) {
                    throw new IllegalArgumentException(file + ": a seed file is a JSON array of events");
                }
                for (int i = 0; i < document.size(); i++) {
                    try {
                        events.add(EventInput.read(document.get(i)));
                    } catch (ProblemException e) {
                        throw new IllegalArgumentException(file.getFileName() + ", event " + (i + 1) + ": "
                                + e.problem().detail());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the seeds in " + folder + ": " + e.getMessage(), e);
        }
        return events;
    }

    /** Stores each event unless its id exists already, so loading twice changes nothing. */
    public static Result load(EventStore store, List<Event> events) {
        int loaded = 0;
        for (Event event : events) {
            if (store.insertIfAbsent(event)) {
                loaded++;
            }
        }
        return new Result(loaded, events.size() - loaded);
    }
}
