package fr.nogentech.events.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder: where {@code template.yaml} is. */
public final class ProjectRoot {

    private ProjectRoot() {}

    public static Path find() {
        String configured = System.getProperty("project.root");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public static SamTemplate template() {
        return SamTemplate.load(find().resolve("template.yaml"));
    }
}
