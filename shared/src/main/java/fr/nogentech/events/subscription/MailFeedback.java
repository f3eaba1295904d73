package fr.nogentech.events.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What SES reports after sending (its configuration set's events, through EventBridge): a permanent bounce or a
 * complaint suppresses the address for good (never mailed again, and forgotten but for its hash), and is counted on
 * the mailing its email belonged to (the {@code mailing} tag). A transient bounce changes nothing: the next mailing
 * tries again.
 */
public class MailFeedback {

    private static final Logger LOG = LoggerFactory.getLogger(MailFeedback.class);

    private final SubscriberStore subscribers;
    private final MailingStore mailings;
    private final Clock clock;

    public MailFeedback(SubscriberStore subscribers, MailingStore mailings, Clock clock) {
        this.subscribers = subscribers;
        this.mailings = mailings;
        this.clock = clock;
    }

    /** @return how many addresses this event suppressed */
    /**
     * The store's side of a bounce, read-only: the subscriber of an example address is looked up, so that the
     * DynamoDB client has signed and sent a request before the snapshot. Nothing is written.
     */
    public void rehearse() {
        subscribers.find(
                EmailAddress.parse("priming@example.org", "emailAddress").hash());
    }

    public int handle(JsonNode event) {
        JsonNode detail = event.path("detail");
        String type = detail.path("eventType").asText();
        JsonNode recipients;
        if ("Bounce".equals(type)) {
            JsonNode bounce = detail.path("bounce");
            if (!"Permanent".equals(bounce.path("bounceType").asText())) {
                LOG.info(
                        "mail feedback: a {} bounce; the address stays",
                        bounce.path("bounceType").asText());
                return 0;
            }
            recipients = bounce.path("bouncedRecipients");
        } else if ("Complaint".equals(type)) {
            recipients = detail.path("complaint").path("complainedRecipients");
        } else {
            LOG.warn("mail feedback: an event of type {} was not expected; ignored", type);
            return 0;
        }
        YearMonth mailing = mailingOf(
                detail.path("mail").path("tags").path("mailing").path(0).asText(""));
        int suppressed = 0;
        for (JsonNode recipient : recipients) {
            EmailAddress address;
            try {
                address = EmailAddress.parse(recipient.path("emailAddress").asText(null), "emailAddress");
            } catch (ProblemException notAnAddress) {
                continue;
            }
            if (subscribers.suppress(address.hash(), clock.instant())) {
                suppressed++;
                if (mailing != null) {
                    mailings.countSuppressed(mailing);
                }
            }
        }
        LOG.atInfo()
                .addKeyValue("kind", type.toLowerCase(Locale.ROOT))
                .addKeyValue("suppressed", suppressed)
                .addKeyValue("month", mailing == null ? "-" : mailing.toString())
                .log("mail feedback: addresses suppressed");
        return suppressed;
    }

    private static YearMonth mailingOf(String tag) {
        try {
            return tag.isEmpty() ? null : YearMonth.parse(tag);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
