package fr.nogentech.events.event;

import java.time.ZoneId;

/** The association's conventions. */
public final class EventDefaults {

    /** Nogentech's events happen in France: dates without a zone or offset are read in this zone. */
    public static final ZoneId TIME_ZONE = ZoneId.of("Europe/Paris");

    private EventDefaults() {}
}
