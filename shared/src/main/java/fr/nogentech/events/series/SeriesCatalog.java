package fr.nogentech.events.series;

import fr.nogentech.events.event.EventDefaults;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * The association's series. Their rules change once in years, so they live here, in code and under review, rather
 * than in the table.
 */
public final class SeriesCatalog {

    public static final Series RENCONTRES_DU_JEUDI = new Series(
            "rencontres-du-jeudi",
            "Les rencontres du jeudi",
            "Un petit déjeuner de travail gratuit et ouvert à tous, chaque mois, autour d’un thème, avec des "
                    + "intervenants et le témoignage d’une entreprise du territoire.",
            2,
            DayOfWeek.THURSDAY,
            LocalTime.of(8, 30),
            LocalTime.of(10, 30),
            EventDefaults.TIME_ZONE);

    private static final List<Series> ALL = List.of(RENCONTRES_DU_JEUDI);

    private SeriesCatalog() {}

    public static Optional<Series> find(String id) {
        return ALL.stream().filter(series -> series.id().equals(id)).findFirst();
    }
}
