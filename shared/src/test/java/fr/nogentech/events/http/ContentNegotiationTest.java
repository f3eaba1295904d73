package fr.nogentech.events.http;

import fr.nogentech.events.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Accept headers as clients and attackers write them: a choice or a 406, never an exception. */
class ContentNegotiationTest {

    private static final List<String> OFFERED = List.of("application/json", "application/ld+json");

    @Test
    void choosesByQualityAndSpecificity() {
        assertEquals("application/json", ContentNegotiation.choose(null, OFFERED));
        assertEquals("application/ld+json", ContentNegotiation.choose("application/ld+json", OFFERED));
        assertEquals(
                "application/json", ContentNegotiation.choose("application/ld+json;q=0.5, application/json", OFFERED));
        assertEquals(
                "application/ld+json",
                ContentNegotiation.choose("application/*;q=0.2, application/ld+json;q=0.9", OFFERED));
        assertEquals("application/json", ContentNegotiation.choose("text/html, */*;q=0.1", OFFERED));
    }

    @Test
    void aMalformedAcceptIsTreatedAsAbsent() {
        for (String accept : List.of(
                "",
                " ",
                ";",
                ",",
                ";;,,",
                "text",
                "/",
                "*/html",
                ";q=1",
                "application/json;q=",
                "application/json;q=abc",
                "application/json;q=2",
                "application/json;q=NaN",
                "application/json;q=1e9",
                "application/json;q=-1",
                "\u0000/\u0000",
                "a/b/c",
                "é/è")) {
            assertEquals("application/json", ContentNegotiation.choose(accept, OFFERED), "Accept: " + accept);
        }
    }

    @Test
    void anAcceptThatAllowsNoneOfTheOffersIs406() {
        for (String accept : List.of(
                "text/html", "application/json;q=0, application/ld+json;q=0", "*/*;q=0", "image/png;q=0.5, ;")) {
            ProblemException e =
                    assertThrows(ProblemException.class, () -> ContentNegotiation.choose(accept, OFFERED), accept);
            assertEquals(406, e.problem().status());
        }
    }
}
