package org.tinybirdmaven.plugin.ci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workflow files a data project adds to call the CI templates ({@code tinybird:init-ci}), made from the caller
 * examples of the {@code ci-templates} module (the files the README shows): the template repository and tag, and the
 * data project's folder inside the git repository, are filled in. They are written at the root of that repository
 * (the nearest folder with {@code .git}, else the project folder). Makes no network calls and never overwrites a
 * file unless asked to.
 */
public final class CiCallers {

    /** The repository and tag the caller examples name; replaced by the ones asked for. */
    public static final String EXAMPLE_REPOSITORY = "tinybirdmaven/tinybird-maven-plugin";
    public static final String EXAMPLE_REF = "v0.1.0";

    private static final String RESOURCES = "org/tinybirdmaven/ci/";

    /** The CI systems, with the caller examples each writes (resource → path from the git repository root). */
    public enum Ci {
        GITHUB(Map.of("github/callers/tinybird-ci.yml", ".github/workflows/tinybird-ci.yml",
                "github/callers/tinybird-cd-staging.yml", ".github/workflows/tinybird-cd-staging.yml",
                "github/callers/tinybird-cd-production.yml", ".github/workflows/tinybird-cd-production.yml")),
        GITLAB(Map.of("gitlab/callers/.gitlab-ci.yml", ".gitlab-ci.yml"));

        final Map<String, String> files;

        Ci(Map<String, String> files) {
            this.files = files;
        }

        public static Ci parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("tinybird.ci must be github or gitlab, not '" + name + "'");
            }
        }
    }

    private CiCallers() {}

    /** Writes the caller files of {@code ci} for the project in {@code projectDir}; returns their paths. */
    public static List<Path> init(Ci ci, Path projectDir, String repository, String ref, boolean force)
            throws IOException {
        return write(files(ci, repositoryRoot(projectDir), projectDir, repository, ref), force);
    }

    /** The nearest folder at or above {@code projectDir} that holds {@code .git}; {@code projectDir} if none. */
    public static Path repositoryRoot(Path projectDir) {
        for (Path dir = projectDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return projectDir.toAbsolutePath().normalize();
    }

    /** The files to write, by path under {@code root}, in a stable order. */
    public static Map<Path, String> files(Ci ci, Path root, Path projectDir, String repository, String ref) {
        String dir = root.relativize(projectDir.toAbsolutePath().normalize()).toString().replace('\\', '/');
        Map<Path, String> files = new LinkedHashMap<>();
        ci.files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String text = read(entry.getKey());
            text = replace(entry.getKey(), text, EXAMPLE_REPOSITORY + "/", repository + "/");
            text = ci == Ci.GITHUB ? replace(entry.getKey(), text, "@" + EXAMPLE_REF + "\n", "@" + ref + "\n")
                    : replace(entry.getKey(), text, "/" + EXAMPLE_REF + "/", "/" + ref + "/");
            String dirLine = ci == Ci.GITHUB ? "      data_project_dir: " : "  DATA_PROJECT_DIR: ";
            text = replace(entry.getKey(), text, dirLine + ".\n", dirLine + (dir.isEmpty() ? "." : dir) + "\n");
            files.put(root.resolve(entry.getValue()), text);
        });
        return files;
    }

    /** Writes the files; refuses, naming them, when some exist and {@code force} is false. */
    public static List<Path> write(Map<Path, String> files, boolean force) throws IOException {
        List<Path> existing = files.keySet().stream().filter(Files::exists).toList();
        if (!existing.isEmpty() && !force) {
            throw new IllegalStateException("Not overwriting " + existing + ": merge the Tinybird jobs into them by"
                    + " hand, or run again with -Dtinybird.force=true to replace them");
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Path, String> file : files.entrySet()) {
            Files.createDirectories(file.getKey().getParent());
            Files.writeString(file.getKey(), file.getValue(), StandardCharsets.UTF_8);
            written.add(file.getKey());
        }
        return written;
    }

    private static String replace(String resource, String text, String from, String to) {
        if (!text.contains(from)) {
            throw new IllegalStateException("The caller example " + resource + " no longer contains '" + from.strip()
                    + "'");
        }
        return text.replace(from, to);
    }

    private static String read(String resource) {
        try (InputStream in = CiCallers.class.getClassLoader().getResourceAsStream(RESOURCES + resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCES + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
