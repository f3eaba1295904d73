import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the jars that ProGuard wrote (functions/pom.xml) so that the same input gives the same bytes: entries in
 * name order (the manifest first, as in any jar), each stamped with the build's {@code project.build.outputTimestamp}
 * instead of the moment ProGuard ran. Then an unchanged function keeps its CodeSha256, as before the shrinking.
 *
 * <p>The entries are stored, not deflated: the deployment zip deflates each jar as one stream, which compresses the
 * hundreds of small, alike SDK model classes far better than deflating each class alone (measured: the SES v2 jar
 * takes 0.72 MB of the zip stored, 1.15 MB deflated). Lambda unzips the package once; the JVM reads stored entries
 * without inflating them.
 *
 * <p>Usage: {@code java Repack.java <outputTimestamp> <jars>...} (each argument one jar, or several as a class path)
 */
public final class Repack {

    public static void main(String[] args) throws IOException {
        LocalDateTime time = OffsetDateTime.parse(args[0]).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        for (int i = 1; i < args.length; i++) {
            for (String jar : args[i].split(File.pathSeparator)) {
                repack(Path.of(jar), time);
            }
        }
    }

    private static void repack(Path jar, LocalDateTime time) throws IOException {
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (ZipFile in = new ZipFile(jar.toFile());
             OutputStream file = Files.newOutputStream(rewritten);
             ZipOutputStream out = new ZipOutputStream(file)) {
            List<? extends ZipEntry> entries = new ArrayList<>(in.stream().toList());
            entries.sort(Comparator.comparing((ZipEntry entry) -> order(entry.getName()))
                    .thenComparing(ZipEntry::getName));
            for (ZipEntry entry : entries) {
                byte[] data;
                try (InputStream stream = in.getInputStream(entry)) {
                    data = stream.readAllBytes();
                }
                CRC32 crc = new CRC32();
                crc.update(data);
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTimeLocal(time);
                copy.setMethod(ZipEntry.STORED);
                copy.setSize(data.length);
                copy.setCompressedSize(data.length);
                copy.setCrc(crc.getValue());
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static int order(String name) {
        return switch (name) {
            case "META-INF/" -> 0;
            case "META-INF/MANIFEST.MF" -> 1;
            default -> 2;
        };
    }
}
