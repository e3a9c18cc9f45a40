package org.tinybirdmaven.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under {@code broken/} is a small project with one deliberate mistake; {@code expected.txt} lists every
 * diagnostic {@code check} must report for it, exactly ({@code {CASE}} stands for the folder's absolute path).
 */
class BrokenDatafilesTest {

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> folders = Files.list(casesRoot())) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList()
                    .stream();
        }
    }

    private static Path casesRoot() throws URISyntaxException {
        return Path.of(BrokenDatafilesTest.class.getResource("/broken").toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedDiagnostics(String name) throws Exception {
        Path folder = casesRoot().resolve(name);
        Project project = Project.load(folder, Map.of());
        CheckReport report = new CheckReport(project);
        List<String> actual = project.diagnostics().stream().map(report::format).toList();
        List<String> expected = Files.readAllLines(folder.resolve("expected.txt")).stream()
                .filter(line -> !line.isBlank()).map(line -> line.replace("{CASE}", folder.toString())).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(report.failed(false)).as("a broken project fails the check").isTrue();
    }

    @Test
    void thereAreAtLeastTwentyFiveCases() throws Exception {
        assertThat(cases().count()).isGreaterThanOrEqualTo(25);
    }
}
