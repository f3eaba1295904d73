package fr.nogentech.events.store;

import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.TestStack;

class EventStoreMotoTest extends EventStoreContract {

    @Override
    LocalAws backend() {
        return TestStack.moto();
    }
}
