package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What moto's SES received, read back from moto's own API ({@code /moto-api/data.json}): the raw MIME of each email
 * sent, and to whom. Also makes a sender a verified SES identity, as SES requires.
 */
public final class MotoMail {

    /** One email SES accepted: its recipients and its MIME, as sent. */
    public record Sent(List<String> destinations, String raw) {}

    private MotoMail() {}

    public static void verifySender(LocalAws aws, String address) {
        try (SesV2Client ses = aws.ses()) {
            ses.createEmailIdentity(r -> r.emailIdentity(address));
        } catch (AlreadyExistsException alreadyThere) {
            // verified by an earlier test
        }
    }

    /**
     * The emails sent to a recipient that {@code to} accepts. What cannot be read fails here, rather than leaving an
     * email out: a message without its MIME or recipients, emails moto holds in a form other than raw MIME, or a
     * layout of moto's data this does not know.
     */
    public static List<Sent> sent(LocalAws aws, Predicate<String> to) {
        try (InputStream in =
                aws.endpoint().resolve("/moto-api/data.json").toURL().openStream()) {
            JsonNode ses = new ObjectMapper().readTree(in).path("ses");
            if (ses.isMissingNode()) {
                return List.of(); // nothing has called SES on this moto yet
            }
            for (String other : List.of("Message", "TemplateMessage", "BulkTemplateMessage")) {
                if (!ses.path(other).isEmpty()) {
                    throw new IllegalStateException("moto holds emails sent as " + other + ", which MotoMail does "
                            + "not read: it reads raw MIME, as the product sends");
                }
            }
            if (!ses.path("RawMessage").isArray()) {
                List<String> keys = new ArrayList<>();
                ses.fieldNames().forEachRemaining(keys::add);
                throw new IllegalStateException(
                        "moto's /moto-api/data.json has no ses.RawMessage list (has moto " + "changed?), only " + keys);
            }
            List<Sent> sent = new ArrayList<>();
            for (JsonNode message : ses.path("RawMessage")) {
                if (!message.path("raw_data").isTextual()
                        || message.path("destinations").isEmpty()) {
                    throw new IllegalStateException("an email moto received has no raw_data or no destinations: "
                            + message.path("id").asText("(no id)"));
                }
                List<String> destinations = new ArrayList<>();
                message.path("destinations").forEach(d -> {
                    if (!destinations.contains(d.asText())) {
                        destinations.add(d.asText());
                    }
                });
                if (destinations.stream().anyMatch(to)) {
                    sent.add(new Sent(destinations, message.path("raw_data").asText()));
                }
            }
            return sent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read moto's sent emails", e);
        }
    }
}
