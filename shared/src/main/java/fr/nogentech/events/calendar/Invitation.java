package fr.nogentech.events.calendar;

import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.parameter.ParticipationLevel;
import biweekly.parameter.ParticipationStatus;
import biweekly.property.Attendee;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventPages;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.registration.Registrant;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.List;

/**
 * An iCalendar invitation (iTIP, RFC 5546) to one event for one registrant, which mail clients (Gmail, Outlook,
 * Apple Mail) put in the calendar: {@code METHOD:REQUEST} for a seat (sent again, with a higher {@code SEQUENCE},
 * when the event changes), {@code METHOD:CANCEL} when it is called off. The event is written as in the feed
 * ({@link EventCalendar}: the same {@code UID}, {@code SEQUENCE} = version − 1, {@code VTIMEZONE},
 * {@code DTSTART;TZID=…}), so that a calendar holding both knows them for one event; the association is the
 * organizer, and the registrant an attendee who has already accepted (no answer is expected).
 */
public final class Invitation {

    private static final String ORGANIZER_NAME = "Nogentech";

    private final EventCalendar calendars;

    public Invitation(EventPages pages) {
        this.calendars = new EventCalendar(pages);
    }

    /**
     * A seat at {@code event}, new or changed: {@code METHOD:REQUEST}, {@code STATUS:CONFIRMED} ({@code TENTATIVE}
     * while the event is postponed).
     *
     * @param organizerAddress the sender's address, plain or as {@code Nogentech <noreply@nogentech.fr>}
     * @throws IllegalArgumentException when the event is cancelled (its invitation is {@link #cancel}), or the
     *     organizer's address cannot be read
     */
    public String request(Event event, Registrant registrant, String organizerAddress) {
        if (event.status() == EventStatus.CANCELLED) {
            throw new IllegalArgumentException("a cancelled event is not requested but cancelled");
        }
        return write(event, registrant, organizerAddress, Method.request());
    }

    /**
     * {@code event} called off for {@code registrant}: {@code METHOD:CANCEL}, {@code STATUS:CANCELLED}, which
     * removes it from (or strikes it out in) the registrant's calendar.
     *
     * @param organizerAddress the sender's address, plain or as {@code Nogentech <noreply@nogentech.fr>}
     */
    public String cancel(Event event, Registrant registrant, String organizerAddress) {
        return write(event, registrant, organizerAddress, Method.cancel());
    }

    private String write(Event event, Registrant registrant, String organizerAddress, Method method) {
        String organizer = address(organizerAddress);
        ICalendar calendar = calendars.calendar(List.of(event));
        calendar.setMethod(method);
        VEvent component = calendar.getEvents().getFirst();
        if (Method.CANCEL.equals(method.getValue())) {
            component.setStatus(Status.cancelled());
            if (event.status() != EventStatus.CANCELLED) {
                component.setSummary("Annulé : " + event.title());
            }
        }
        component.setOrganizer(new Organizer(ORGANIZER_NAME, organizer));
        Attendee attendee =
                new Attendee(commonName(registrant.name()), registrant.email().value());
        attendee.setParticipationLevel(ParticipationLevel.REQUIRED);
        attendee.setParticipationStatus(ParticipationStatus.ACCEPTED);
        attendee.setRsvp(false);
        component.addAttendee(attendee);
        return EventCalendar.write(calendar);
    }

    /** The address part of {@code Nogentech <noreply@nogentech.fr>}, or the address itself. */
    static String address(String organizerAddress) {
        if (organizerAddress == null || organizerAddress.isBlank()) {
            throw new IllegalArgumentException("no organizer address");
        }
        try {
            InternetAddress parsed = new InternetAddress(organizerAddress.strip(), true);
            String address = parsed.getAddress();
            if (address == null || !address.contains("@")) {
                throw new IllegalArgumentException("the organizer address has no domain");
            }
            return address;
        } catch (AddressException e) {
            // Not the address itself in the message: it is configuration, but the habit is to keep addresses out.
            throw new IllegalArgumentException("the organizer address cannot be read");
        }
    }

    /**
     * A name as a {@code CN} parameter value: RFC 5545 parameter values cannot hold a double quote (the writer quotes
     * values with {@code ;}, {@code :} or {@code ,}) nor control characters, so these are left out; null when
     * nothing is left.
     */
    static String commonName(String name) {
        if (name == null) {
            return null;
        }
        String cleaned = name.replace("\"", "")
                .replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return cleaned.isEmpty() ? null : cleaned;
    }
}
