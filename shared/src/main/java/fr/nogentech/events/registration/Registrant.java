package fr.nogentech.events.registration;

import fr.nogentech.events.subscription.EmailAddress;

/** Who registers: a name for the host's list, the address the invitation goes to, and an optional organization. */
public record Registrant(String name, EmailAddress email, String organization) {

    @Override
    public String toString() {
        // Addresses and names stay out of logs.
        return "Registrant[" + email.hash().substring(0, 12) + "]";
    }
}
