package fr.nogentech.events.email;

import fr.nogentech.events.lambda.DryRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local run's mail: each email as an {@code .eml} file in a folder ({@code OUTBOX_DIR}), to open in a mail
 * client. The files are exactly the MIME that SES would receive.
 */
public class OutboxMailSender implements MailSender {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private final Path folder;
    private final String from;
    private final String messageIdDomain;
    private final Clock clock;
    private final AtomicLong counter = new AtomicLong();

    public OutboxMailSender(Path folder, String from, String messageIdDomain, Clock clock) {
        this.folder = folder;
        this.from = from;
        this.messageIdDomain = messageIdDomain;
        this.clock = clock;
    }

    @Override
    public String send(OutgoingMail mail) {
        byte[] raw = MimeMessages.write(mail, from, messageIdDomain);
        String id = STAMP.format(clock.instant()) + "-" + counter.incrementAndGet();
        String recipient = mail.to().replaceAll("[^A-Za-z0-9._-]", "_");
        if (DryRun.isOn()) {
            // priming's rehearsal of a send, as SES's client answers it then: nothing written
            return id;
        }
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(id + "-" + recipient + ".eml"), raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the outbox " + folder, e);
        }
        return id;
    }
}
