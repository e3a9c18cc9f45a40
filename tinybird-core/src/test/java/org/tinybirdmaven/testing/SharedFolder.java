package org.tinybirdmaven.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tinybirdmaven.project.ProjectLayout;

/**
 * The project's reference material lives in {@code ../shared} beside the repository (CI has it; a fresh clone may
 * not). Tests that read it call {@link #corpus()} or {@link #spec()}, which skip the test with a clear message when
 * the folder is absent.
 */
public final class SharedFolder {

    private SharedFolder() {}

    /** The repository root: the nearest folder upwards whose pom.xml is the tinybird-parent POM. */
    public static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            Path pom = candidate.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>tinybird-parent</artifactId>")
                        && !Files.readString(pom).contains("<parent>")) {
                    return candidate;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("Not inside the tinybird-maven-plugin repository: " + dir);
    }

    /**
     * Folders holding a project: they have datafiles of their own (directly or in the usual folders) and are not
     * inside another project.
     */
    public static List<Path> projectRoots(Path folder) throws IOException {
        if (!new ProjectLayout(folder).datafiles().isEmpty()) {
            return List.of(folder);
        }
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                roots.addAll(projectRoots(child));
            }
        }
        return roots;
    }

    public static Path corpus() {
        return find("corpus");
    }

    /**
     * {@code shared/<name>} beside the repository root, or beside one of its ancestors (a git worktree may sit one
     * level deeper than the clone CI uses).
     */
    private static Path find(String name) {
        Path root = repositoryRoot();
        for (Path dir = root.getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, root.resolveSibling("shared").resolve(name) + " not found: tests that read the shared"
                + " reference material are skipped (CI has it beside the clone)");
        throw new IllegalStateException("unreachable");
    }
}
