package fr.nogentech.events.functions;

import fr.nogentech.events.announcement.MonthlyMailing;
import fr.nogentech.events.announcement.SendingPace;
import fr.nogentech.events.email.MailSender;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mailing keeps to its sending rate: every other mail test runs without one. SendingPaceTest checks the pace
 * itself on a clock it moves; this checks, in real time, that the mailing waits for its turn before each email.
 */
class MailingPaceTest {

    @Test
    void eachEmailWaitsForItsTurnAtTheRate() {
        try (MailingFixture fixture = new MailingFixture("mailing-pace", Clock.systemUTC())) {
            fixture.confirmed("rythme", 3);
            List<Long> sentAt = new CopyOnWriteArrayList<>();
            MailSender recording = mail -> {
                sentAt.add(System.nanoTime());
                return "id-" + sentAt.size();
            };
            // Three a second: the three emails take two intervals, 667 ms, from the first to the last. Without a
            // pace they go out as fast as the mailing's calls to moto allow: 70 to 300 ms for all three.
            assertEquals(
                    MonthlyMailing.Outcome.FINISHED,
                    fixture.mailing(recording, new SendingPace(3)).run(YearMonth.of(2023, 10), () -> true));
            assertEquals(3, sentAt.size());
            Duration span = Duration.ofNanos(sentAt.get(2) - sentAt.get(0));
            // The first email goes when its turn comes plus the time to write it, hence a margin below 667 ms.
            assertTrue(span.toMillis() >= 600, "3 emails within " + span.toMillis() + " ms: over 3 a second");
        }
    }
}
