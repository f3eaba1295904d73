package fr.nogentech.events.store;

import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.RequiresDocker;
import fr.nogentech.events.local.TestStack;

/** Skipped, with the reason, where no Docker engine runs. */
@RequiresDocker
class EventStoreLocalStackTest extends EventStoreContract {

    @Override
    LocalAws backend() {
        return TestStack.localStack();
    }
}
