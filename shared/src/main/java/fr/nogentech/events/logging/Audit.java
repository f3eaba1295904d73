package fr.nogentech.events.logging;

import fr.nogentech.events.lambda.DryRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of administrative acts: one record per act that changed something, naming the administrator (the
 * name their token carries in {@code AdminTokenHashes}), the action and what it touched. "Who deleted this?" is a
 * CloudWatch Logs Insights query on {@code logger = "audit"}.
 */
public final class Audit {

    private static final Logger LOG = LoggerFactory.getLogger("audit");

    private Audit() {}

    /**
     * @param action a dotted verb, such as {@code event.delete}
     * @param target what was touched, as {@code kind/id}; never an email address (a subscriber is named by its hash)
     */
    public static void record(String admin, String action, String target) {
        if (DryRun.isOn()) {
            // priming's rehearsal changed nothing: no act to record
            return;
        }
        LOG.atInfo()
                .addKeyValue("admin", admin)
                .addKeyValue("action", action)
                .addKeyValue("target", target)
                .log("{} {} by {}", action, target, admin);
    }
}
