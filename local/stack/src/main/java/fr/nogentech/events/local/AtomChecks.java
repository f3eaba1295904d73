package fr.nogentech.events.local;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an Atom document as XML (the JDK's parser, no feed library) and checks it against the rules of RFC 4287
 * that feed readers rely on: the Atom namespace; a feed with exactly one {@code id}, {@code title} and
 * {@code updated}, an author, a {@code self} link; entries with exactly one {@code id}, {@code title} and
 * {@code updated}, an alternate link (there is no content), ids that are absolute IRIs and unique; dates in RFC 3339
 * form; links with an absolute {@code href}; text constructs of a known type. Failures list every rule broken.
 */
public final class AtomChecks {

    public static final String NS = "http://www.w3.org/2005/Atom";
    /** RFC 3339 {@code date-time}, with the upper-case T and Z RFC 4287 §3.3 asks for. */
    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private AtomChecks() {}

    public record Link(String rel, String type, String href, String title) {}

    public record Entry(
            String id,
            String title,
            OffsetDateTime updated,
            String summary,
            List<Link> links,
            List<String> categories) {

        public Link link(String rel) {
            return links.stream().filter(l -> l.rel().equals(rel)).findFirst().orElse(null);
        }
    }

    public record Feed(
            String id, String title, String language, OffsetDateTime updated, List<Link> links, List<Entry> entries) {

        public Link link(String rel) {
            return links.stream().filter(l -> l.rel().equals(rel)).findFirst().orElse(null);
        }

        public List<String> entryIds() {
            return entries.stream().map(Entry::id).toList();
        }
    }

    /** The feed, once it has passed every check; an {@link AssertionError} naming each rule broken otherwise. */
    public static Feed parse(String xml) {
        Document document = read(xml);
        List<String> errors = new ArrayList<>();
        Element root = document.getDocumentElement();
        if (!NS.equals(root.getNamespaceURI()) || !"feed".equals(root.getLocalName())) {
            throw new AssertionError(
                    "the root is not an Atom feed element: {" + root.getNamespaceURI() + "}" + root.getLocalName());
        }
        String feedId = one(root, "id", "feed", errors);
        checkIri(feedId, "feed/id", errors);
        String title = text(root, "title", "feed", errors);
        OffsetDateTime updated = date(one(root, "updated", "feed", errors), "feed/updated", errors);
        boolean feedAuthor = !atom(root, "author").isEmpty();
        atom(root, "author").forEach(author -> one(author, "name", "feed/author", errors));
        List<Link> links = links(root, "feed", errors);
        if (links.stream().noneMatch(l -> l.rel().equals("self"))) {
            errors.add("feed: no link rel=\"self\" (RFC 4287 §4.1.1 says a feed SHOULD have one)");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Element> entryElements = atom(root, "entry");
        for (int i = 0; i < entryElements.size(); i++) {
            Element element = entryElements.get(i);
            String where = "entry[" + i + "]";
            String id = one(element, "id", where, errors);
            checkIri(id, where + "/id", errors);
            if (id != null && !ids.add(id)) {
                errors.add(where + ": id " + id + " is not unique in the feed");
            }
            String entryTitle = text(element, "title", where, errors);
            OffsetDateTime entryUpdated = date(one(element, "updated", where, errors), where + "/updated", errors);
            if (!feedAuthor && atom(element, "author").isEmpty()) {
                errors.add(where + ": no author, and the feed has none (RFC 4287 §4.1.2)");
            }
            List<Link> entryLinks = links(element, where, errors);
            if (atom(element, "content").isEmpty()
                    && entryLinks.stream().noneMatch(l -> l.rel().equals("alternate"))) {
                errors.add(where + ": neither content nor a link rel=\"alternate\" (RFC 4287 §4.1.1)");
            }
            if (atom(element, "summary").size() > 1) {
                errors.add(where + ": more than one summary");
            }
            String summary = atom(element, "summary").isEmpty() ? null : text(element, "summary", where, errors);
            for (String dateElement : List.of("published")) {
                atom(element, dateElement).forEach(d -> date(d.getTextContent(), where + "/" + dateElement, errors));
            }
            List<String> categories = new ArrayList<>();
            for (Element category : atom(element, "category")) {
                if (category.getAttribute("term").isEmpty()) {
                    errors.add(where + ": a category without term");
                }
                categories.add(category.getAttribute("term"));
            }
            entries.add(new Entry(id, entryTitle, entryUpdated, summary, entryLinks, categories));
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("the Atom feed breaks RFC 4287:\n  " + String.join("\n  ", errors) + "\n" + xml);
        }
        String language = root.getAttributeNS(XMLConstants.XML_NS_URI, "lang");
        return new Feed(feedId, title, language, updated, links, entries);
    }

    private static Document read(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException(e);
        } catch (SAXException e) {
            throw new AssertionError("the feed is not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** The Atom children of an element with that name, direct children only. */
    private static List<Element> atom(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element
                    && NS.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String one(Element parent, String name, String where, List<String> errors) {
        List<Element> found = atom(parent, name);
        if (found.size() != 1) {
            errors.add(where + ": " + found.size() + " " + name + " elements, where exactly one is required");
            return found.isEmpty() ? null : found.get(0).getTextContent();
        }
        String value = found.get(0).getTextContent().strip();
        if (value.isEmpty()) {
            errors.add(where + "/" + name + " is empty");
        }
        return value;
    }

    /** A text construct: one element, of type text (the default), html or xhtml. */
    private static String text(Element parent, String name, String where, List<String> errors) {
        String value = one(parent, name, where, errors);
        List<Element> found = atom(parent, name);
        if (!found.isEmpty()) {
            String type = found.get(0).getAttribute("type");
            if (!type.isEmpty() && !List.of("text", "html", "xhtml").contains(type)) {
                errors.add(where + "/" + name + ": type \"" + type + "\" is not text, html or xhtml");
            }
        }
        return value;
    }

    private static OffsetDateTime date(String value, String where, List<String> errors) {
        if (value == null) {
            return null;
        }
        if (!DATE_TIME.matcher(value).matches()) {
            errors.add(where + ": \"" + value + "\" is not an RFC 3339 date-time");
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(where + ": \"" + value + "\" is not a date that exists");
            return null;
        }
    }

    private static void checkIri(String value, String where, List<String> errors) {
        if (value == null) {
            return;
        }
        try {
            if (!new URI(value).isAbsolute()) {
                errors.add(where + ": \"" + value + "\" is not an absolute IRI");
            }
        } catch (URISyntaxException e) {
            errors.add(where + ": \"" + value + "\" is not an IRI: " + e.getMessage());
        }
    }

    private static List<Link> links(Element parent, String where, List<String> errors) {
        List<Link> links = new ArrayList<>();
        Set<String> alternates = new HashSet<>();
        for (Element link : atom(parent, "link")) {
            String rel = link.hasAttribute("rel") ? link.getAttribute("rel") : "alternate";
            String href = link.getAttribute("href");
            if (href.isEmpty()) {
                errors.add(where + ": a link without href");
            } else {
                checkIri(href, where + "/link[@rel=" + rel + "]/@href", errors);
            }
            String type = link.getAttribute("type");
            if (rel.equals("alternate") && !alternates.add(type + " " + link.getAttribute("hreflang"))) {
                errors.add(where + ": two alternate links of type " + type + " (RFC 4287 §4.1.1)");
            }
            links.add(new Link(
                    rel,
                    type.isEmpty() ? null : type,
                    href,
                    link.hasAttribute("title") ? link.getAttribute("title") : null));
        }
        return links;
    }
}
