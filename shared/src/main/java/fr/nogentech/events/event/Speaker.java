package fr.nogentech.events.event;

/**
 * Someone who speaks at an event. A company's testimony may name only the organization, so either the name or the
 * organization may be absent, not both.
 */
public record Speaker(String name, String organization, Role role) {

    public enum Role {
        SPEAKER("speaker"),
        TESTIMONY("testimony");

        private final String wireName;

        Role(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Role fromWireName(String value) {
            for (Role role : values()) {
                if (role.wireName.equals(value)) {
                    return role;
                }
            }
            return null;
        }
    }
}
