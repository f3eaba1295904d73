package fr.nogentech.events.event;

/** Whether an event still takes place as announced. Cancelled and postponed events stay visible. */
public enum EventStatus {
    SCHEDULED("scheduled"),
    CANCELLED("cancelled"),
    POSTPONED("postponed");

    private final String wireName;

    EventStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static EventStatus fromWireName(String value) {
        for (EventStatus status : values()) {
            if (status.wireName.equals(value)) {
                return status;
            }
        }
        return null;
    }
}
