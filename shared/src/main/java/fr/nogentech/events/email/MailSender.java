package fr.nogentech.events.email;

/** Sends one email. SES in AWS; {@code .eml} files in an outbox folder in the local run. */
public interface MailSender {

    /**
     * @return the message id given by the service
     * @throws Rejected    when this message is refused for good (the address, the content): record it and go on
     * @throws Throttled   when the service asks to slow down: wait and try again
     * @throws Unavailable when the service cannot send any message now (the account or its configuration, or no
     *                     answer): stop, mark no one, and try again later
     */
    String send(OutgoingMail mail);

    /** Everything {@link #send} does before the message leaves, and nothing after: for priming. */
    default void rehearse(OutgoingMail mail) {}

    /** This message was refused and will not go through by retrying. */
    final class Rejected extends RuntimeException {
        public Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Nothing can be sent for now, whoever the recipient: sending paused or suspended, the sender's identity or the
     * configuration not verified, access denied, the daily quota spent, or the service out of reach. The reason is
     * the service's error code, never its message (it may quote an address).
     */
    final class Unavailable extends RuntimeException {
        private final boolean maybeSent;

        public Unavailable(String reason, boolean maybeSent) {
            super(reason, null, false, false);
            this.maybeSent = maybeSent;
        }

        /** Whether the message may have gone all the same (no answer came): a claim on it must not be given back. */
        public boolean maybeSent() {
            return maybeSent;
        }
    }

    /** The sending rate is over the service's limit. */
    final class Throttled extends RuntimeException {
        public Throttled(String reason) {
            super(reason, null, false, false);
        }
    }
}
