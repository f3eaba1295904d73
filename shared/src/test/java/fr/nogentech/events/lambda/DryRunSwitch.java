package fr.nogentech.events.lambda;

/** For the tests of other packages: {@link DryRun}'s switch, which only priming turns on in the product. */
public final class DryRunSwitch {

    private DryRunSwitch() {}

    public static void run(Runnable rehearsal) {
        DryRun.run(rehearsal);
    }
}
