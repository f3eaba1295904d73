package fr.nogentech.events.local;

import fr.nogentech.events.auth.AdminTokens;

/**
 * {@code make admin-token NAME=alice}: a new administrator token, and the {@code name:sha256} pair to add to the
 * stack's {@code AdminTokenHashes} parameter. The token itself is shown once and stored nowhere.
 */
public final class AdminTokenCommand {

    private AdminTokenCommand() {}

    public static void main(String[] args) {
        if (args.length != 1 || args[0].isBlank()) {
            System.err.println("usage: make admin-token NAME=<administrator's name, e.g. alice>");
            System.exit(2);
        }
        String token = AdminTokens.newToken();
        String entry;
        try {
            entry = AdminTokens.entry(args[0], token);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("Token for " + args[0] + " (give it to them; it is not stored anywhere):");
        System.out.println("  " + token);
        System.out.println("Add this pair to the AdminTokenHashes parameter (comma-separated), then sam deploy:");
        System.out.println("  " + entry);
    }
}
