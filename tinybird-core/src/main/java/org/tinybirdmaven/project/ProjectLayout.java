package org.tinybirdmaven.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.tinybirdmaven.datafile.DatafileKind;

/**
 * Where datafiles live in a project directory.
 *
 * <p>Classic looks in the project root, {@code datasources/}, {@code pipes/}, {@code endpoints/} and {@code tokens/};
 * we also search those folders recursively and accept the Forward folders ({@code materializations/},
 * {@code copies/}, {@code sinks/}), because the folder only matters for discovery: the content decides what a file
 * is. {@code vendor/<workspace>/datasources/} holds datasources shared by another workspace. Build output and hidden
 * folders are never searched, so a Maven project can keep its datafiles beside {@code pom.xml} and {@code target/}.
 */
public final class ProjectLayout {

    /** Folders searched (recursively) besides the project root, in the order Classic looks dependencies up. */
    public static final List<String> FOLDERS = List.of("datasources", "endpoints", "pipes", "materializations",
            "copies", "sinks", "tokens");

    public static final String VENDOR = "vendor";

    private static final Set<String> SKIPPED = Set.of("target", "node_modules", "fixtures");

    private final Path directory;

    public ProjectLayout(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** The folders a missing dependency was looked for in, for the warning that names them. */
    public List<Path> searchedFolders() {
        List<Path> folders = new ArrayList<>();
        folders.add(directory);
        FOLDERS.forEach(folder -> folders.add(directory.resolve(folder)));
        return folders;
    }

    /** Every {@code .datasource}, {@code .pipe} and {@code .token} file of the project, sorted by path. */
    public List<Path> datafiles() {
        List<Path> files = new ArrayList<>(filesIn(directory, false));
        for (String folder : FOLDERS) {
            files.addAll(filesIn(directory.resolve(folder), true));
        }
        return files.stream().distinct().sorted().toList();
    }

    /** The {@code .datasource} files under {@code vendor/<workspace>/datasources/}. */
    public List<Path> vendorDatasources() {
        Path vendor = directory.resolve(VENDOR);
        if (!Files.isDirectory(vendor)) {
            return List.of();
        }
        try (Stream<Path> workspaces = Files.list(vendor)) {
            return workspaces.filter(Files::isDirectory).sorted()
                    .flatMap(workspace -> filesIn(workspace.resolve("datasources"), true).stream())
                    .filter(file -> DatafileKind.of(file).orElse(null) == DatafileKind.DATASOURCE).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + vendor, e);
        }
    }

    /** The workspace a vendor datafile belongs to: the folder below {@code vendor/}. */
    public String vendorWorkspace(Path vendorFile) {
        return directory.resolve(VENDOR).relativize(vendorFile.toAbsolutePath().normalize()).getName(0).toString();
    }

    private static List<Path> filesIn(Path folder, boolean recursive) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = recursive ? Files.walk(folder) : Files.list(folder)) {
            return walk.filter(Files::isRegularFile).filter(ProjectLayout::isDatafile)
                    .filter(file -> !inSkippedFolder(folder, file)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    private static boolean isDatafile(Path file) {
        return DatafileKind.of(file).filter(kind -> kind != DatafileKind.INCLUDE).isPresent();
    }

    private static boolean inSkippedFolder(Path root, Path file) {
        for (Path part : root.relativize(file.getParent())) {
            String name = part.toString();
            if (name.startsWith(".") || SKIPPED.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
