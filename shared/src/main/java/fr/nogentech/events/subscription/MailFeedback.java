package fr.nogentech.events.subscription;

import fr.nogentech.events.problem.ProblemException;
import fr.nogentech.events.store.MailingStore;
import fr.nogentech.events.store.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

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
    public int handle(Map<String, Object> event) {
        Map<String, Object> detail = map(event.get("detail"));
        String type = String.valueOf(detail.get("eventType"));
        List<Object> recipients;
        if ("Bounce".equals(type)) {
            Map<String, Object> bounce = map(detail.get("bounce"));
            if (!"Permanent".equals(bounce.get("bounceType"))) {
                LOG.info("mail feedback: a {} bounce; the address stays", bounce.get("bounceType"));
                return 0;
            }
            recipients = list(bounce.get("bouncedRecipients"));
        } else if ("Complaint".equals(type)) {
            recipients = list(map(detail.get("complaint")).get("complainedRecipients"));
        } else {
            LOG.warn("mail feedback: an event of type {} was not expected; ignored", type);
            return 0;
        }
        YearMonth mailing = mailingOf(map(detail.get("mail")));
        int suppressed = 0;
        for (Object recipient : recipients) {
            String address = String.valueOf(map(recipient).get("emailAddress"));
            EmailAddress parsed;
            try {
                parsed = EmailAddress.parse(address, "emailAddress");
            } catch (ProblemException notAnAddress) {
                continue;
            }
            if (subscribers.suppress(parsed.hash(), clock.instant())) {
                suppressed++;
                if (mailing != null) {
                    mailings.countSuppressed(mailing);
                }
            }
        }
        LOG.atInfo().addKeyValue("kind", type.toLowerCase(java.util.Locale.ROOT)).addKeyValue("suppressed", suppressed)
                .addKeyValue("month", mailing == null ? "-" : mailing.toString())
                .log("mail feedback: addresses suppressed");
        return suppressed;
    }

    private static YearMonth mailingOf(Map<String, Object> mail) {
        List<Object> tag = list(map(mail.get("tags")).get("mailing"));
        try {
            return tag.isEmpty() ? null : YearMonth.parse(String.valueOf(tag.get(0)));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
