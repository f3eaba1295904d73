package fr.nogentech.events.event;

/** Where an event takes place: a named place and its town. */
public record Venue(String name, String city) {}
