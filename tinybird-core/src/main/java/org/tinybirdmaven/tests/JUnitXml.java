package org.tinybirdmaven.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes suites as JUnit XML, the format CI systems display (GitHub test reporters, GitLab
 * {@code artifacts:reports:junit}, Jenkins): one {@code TEST-tinybird.<kind>.<name>.xml} per suite, with a
 * {@code <failure>} or {@code <error>} carrying the message and the details (rows, diff) for each problem.
 */
public final class JUnitXml {

    private JUnitXml() {}

    /** Writes every suite into {@code directory} (created if needed) and returns the files written. */
    public static List<Path> write(List<TestSuiteResult> suites, Path directory) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (TestSuiteResult suite : suites) {
                Path file = directory.resolve("TEST-" + suiteName(suite).replaceAll("[^A-Za-z0-9._-]", "_")
                        + ".xml");
                try (OutputStream out = Files.newOutputStream(file)) {
                    write(suite, out);
                }
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the JUnit reports into " + directory, e);
        }
        return files;
    }

    /** {@code tinybird.data-quality.tests/default.yaml}, {@code tinybird.regression.top_products}. */
    static String suiteName(TestSuiteResult suite) {
        return "tinybird." + suite.kind().id() + "." + suite.name();
    }

    static void write(TestSuiteResult suite, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            String name = suiteName(suite);
            xml.writeAttribute("name", name);
            xml.writeAttribute("tests", Integer.toString(suite.results().size()));
            xml.writeAttribute("failures", Long.toString(suite.count(TestOutcome.FAILED)));
            xml.writeAttribute("errors", Long.toString(suite.count(TestOutcome.ERROR)));
            xml.writeAttribute("skipped", Long.toString(suite.count(TestOutcome.SKIPPED)));
            xml.writeAttribute("time", seconds(suite.seconds()));
            xml.writeAttribute("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            for (TestCaseResult result : suite.results()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", clean(result.name()));
                xml.writeAttribute("classname", name);
                xml.writeAttribute("time", seconds(result.seconds()));
                String element = switch (result.outcome()) {
                    case FAILED -> "failure";
                    case ERROR -> "error";
                    case SKIPPED -> "skipped";
                    case PASSED -> null;
                };
                if (element != null) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement(element);
                    String message = result.message() == null ? result.status() : result.message();
                    xml.writeAttribute("message", clean(message));
                    if (result.outcome() != TestOutcome.SKIPPED) {
                        xml.writeAttribute("type", clean(result.status()));
                        xml.writeCharacters(clean(message + (result.detail() == null ? "" : "\n" + result.detail())));
                    }
                    xml.writeEndElement();
                    xml.writeCharacters("\n  ");
                } else if (result.message() != null) {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(clean(result.status() + ": " + result.message()));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("Cannot write the JUnit report of " + suite.name(), e);
        }
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    /** XML 1.0 cannot carry most control characters, even escaped. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            out.appendCodePoint(allowed ? c : '?');
        });
        return out.toString();
    }
}
