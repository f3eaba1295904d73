package fr.nogentech.events.problem;

/** A short, harmless echo of what a caller sent, for a problem's detail. */
public final class EchoText {

    private EchoText() {}

    public static String of(String raw) {
        if (raw == null) {
            return "\"\"";
        }
        String cleaned = raw.replaceAll("[^\\p{L}\\p{N} :+\\-._/*\"]", "?").replace("\"", "'");
        return "\"" + (cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned) + "\"";
    }
}
