package fr.nogentech.events.mail;

/** Sends one email. SES in AWS; {@code .eml} files in an outbox folder in the local run. */
public interface MailSender {

    /**
     * @return the message id given by the service
     * @throws Rejected  when this message is refused for good (the address, the content): record it and go on
     * @throws Throttled when the service asks to slow down: wait and try again
     */
    String send(OutgoingMail mail);

    /** This message was refused and will not go through by retrying. */
    final class Rejected extends RuntimeException {
        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The sending rate is over the service's limit. */
    final class Throttled extends RuntimeException {
        public Throttled(String reason) {
            super(reason, null, false, false);
        }
    }
}
