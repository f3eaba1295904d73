package fr.nogentech.events.local;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A LocalStack class without Docker: skipped, loudly; failed when REQUIRE_DOCKER=true says the run is wanted. */
class RequiresDockerTest {

    @Test
    void withoutDockerTheClassIsSkippedUnlessDockerIsRequired() {
        assertFalse(RequiresDocker.Condition.decide("StoreTest", true, "true").isDisabled());
        assertFalse(RequiresDocker.Condition.decide("StoreTest", true, null).isDisabled());
        for (String notRequired : new String[] {null, "", "false"}) {
            assertTrue(
                    RequiresDocker.Condition.decide("StoreTest", false, notRequired)
                            .isDisabled(),
                    notRequired);
        }
        assertThrows(
                IllegalStateException.class,
                () -> RequiresDocker.Condition.decide("StoreTest", true, "1"),
                "a value that means neither");
        for (String required : new String[] {"true", "TRUE"}) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class, () -> RequiresDocker.Condition.decide("StoreTest", false, required));
            assertTrue(
                    e.getMessage().contains("StoreTest") && e.getMessage().contains("REQUIRE_DOCKER=true"),
                    e.getMessage());
        }
    }
}
