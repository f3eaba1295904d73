package fr.nogentech.events.local;

import java.nio.file.Path;

/**
 * Test data that {@code seeds/} cannot give: every event of the real programme is a rencontre du jeudi, so on the
 * seeds alone a series filter and no filter answer alike. This event of another series, in the seeds' format and
 * within their season (23 November 2023, between two rencontres), is what a test adds to its table,
 * {@code Seeds.load(store, Seeds.read(OtherSeries.folder()))}, to tell them apart: a listing, feed or series page
 * filtered on {@code rencontres-du-jeudi} leaves it out, an unfiltered one shows it. {@code seeds/} stays the programme
 * the product loads.
 */
public final class OtherSeries {

    /** Its series, which is not a series of the catalogue: a filter must still tell it from the rencontres. */
    public static final String SERIES = "ateliers-numeriques";

    /** The one event of the fixture, on Thursday 23 November 2023, 14:00 to 16:00 in Paris. */
    public static final String EVENT_ID = "2023-11-23-atelier-sauvegarder-ses-donnees";

    private OtherSeries() {}

    /** The folder of the fixture, {@code local/stack/fixtures/other-series}, for {@code Seeds.read}. */
    public static Path folder() {
        return ProjectRoot.find().resolve("local/stack/fixtures/other-series");
    }
}
