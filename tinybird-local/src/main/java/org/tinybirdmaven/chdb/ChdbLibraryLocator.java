package org.tinybirdmaven.chdb;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Finds the chDB shared library ({@code libchdb.so}), downloading it once per machine when needed.
 *
 * <p>Resolution order:
 * <ol>
 *   <li>the explicitly configured path (for example from {@code -Dtinybird.local.chdbLibrary});</li>
 *   <li>the {@value #LIBRARY_ENV} environment variable;</li>
 *   <li>the per-user cache {@code ${XDG_CACHE_HOME:-~/.cache}/tinybird-maven-plugin/chdb/<version>/<platform>/libchdb.so};</li>
 *   <li>{@code npm pack @chdb/lib-<platform>@<version>} into a temporary directory inside that cache, then the
 *       library is extracted and moved atomically into place.</li>
 * </ol>
 * A configured path or environment variable that does not point to a file is an error rather than a reason to
 * fall through, so that a typo never silently triggers a 170 MB download.
 */
public final class ChdbLibraryLocator {

    /** The chDB release this project is tested against (npm version of {@code @chdb/lib-*}). */
    public static final String DEFAULT_VERSION = "26.5.3";
    /** Environment variable naming a {@code libchdb.so} to use instead of the cache. */
    public static final String LIBRARY_ENV = "CHDB_LIBRARY";

    static final String LIBRARY_FILE = "libchdb.so";
    static final String DOWNLOAD_DIR_PREFIX = "download-";
    private static final String SUPPORTED_PLATFORMS = "linux-x64-gnu, linux-arm64-gnu, darwin-x64, darwin-arm64";
    private static final long NPM_TIMEOUT_MINUTES = 15;
    private static final int NPM_OUTPUT_TAIL_CHARS = 2000;
    private static final System.Logger LOG = System.getLogger(ChdbLibraryLocator.class.getName());
    /** FileLock is per process; this serialises threads of one JVM before they take it. */
    private static final Object DOWNLOAD_MONITOR = new Object();

    private final Path configuredLibrary;
    private final Map<String, String> environment;
    private final String version;
    private final String osName;
    private final String osArch;
    private final String npmCommand;

    /**
     * @param configuredLibrary explicit library path, or {@code null} when not configured
     * @param environment the process environment ({@code System.getenv()}); read for {@value #LIBRARY_ENV},
     *     {@code XDG_CACHE_HOME} and {@code HOME}, and passed to {@code npm}
     */
    public ChdbLibraryLocator(Path configuredLibrary, Map<String, String> environment) {
        this(configuredLibrary, environment, DEFAULT_VERSION,
                System.getProperty("os.name"), System.getProperty("os.arch"), "npm");
    }

    ChdbLibraryLocator(Path configuredLibrary, Map<String, String> environment, String version,
                       String osName, String osArch, String npmCommand) {
        this.configuredLibrary = configuredLibrary;
        this.environment = Map.copyOf(environment);
        this.version = version;
        this.osName = osName;
        this.osArch = osArch;
        this.npmCommand = npmCommand;
    }

    /**
     * Returns the path of a usable {@code libchdb.so}, downloading it into the cache if needed.
     *
     * @throws ChdbLibraryException when no library could be found or downloaded
     */
    public Path locate() {
        if (configuredLibrary != null) {
            return requireFile(configuredLibrary, "The configured chDB library (tinybird.local.chdbLibrary)");
        }
        String fromEnvironment = environment.get(LIBRARY_ENV);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return requireFile(Path.of(fromEnvironment), "The " + LIBRARY_ENV + " environment variable");
        }
        Path cached = cachedLibrary();
        if (Files.isRegularFile(cached)) {
            LOG.log(Level.DEBUG, "Using cached chDB library {0}", cached);
            return cached;
        }
        return download(cached);
    }

    /**
     * Where the cache keeps the library for this version and platform, whether or not it is there yet.
     *
     * @throws ChdbLibraryException when chDB is not published for this platform
     */
    public Path cachedLibrary() {
        return cacheRoot().resolve("tinybird-maven-plugin").resolve("chdb").resolve(version)
                .resolve(platform()).resolve(LIBRARY_FILE);
    }

    /** The npm package spec to download, for example {@code @chdb/lib-linux-x64-gnu@26.5.3}. */
    public String npmPackage() {
        return "@chdb/lib-" + platform() + "@" + version;
    }

    String platform() {
        return platformOf(osName, osArch).orElseThrow(() -> new ChdbLibraryException(
                "chDB is not published for this platform (os.name=" + osName + ", os.arch=" + osArch
                        + "); npm packages exist for " + SUPPORTED_PLATFORMS + ". Set " + LIBRARY_ENV
                        + " or -Dtinybird.local.chdbLibrary to a libchdb.so built for this machine."));
    }

    /** Maps Java's os.name/os.arch to the suffix of chDB's npm package names ({@code @chdb/lib-<suffix>}). */
    static Optional<String> platformOf(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
        if (arch == null) {
            return Optional.empty();
        }
        if (os.startsWith("linux")) {
            return Optional.of("linux-" + arch + "-gnu");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Optional.of("darwin-" + arch);
        }
        return Optional.empty();
    }

    private Path cacheRoot() {
        String xdg = environment.get("XDG_CACHE_HOME");
        // The XDG spec says relative values must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".cache");
    }

    private static Path requireFile(Path path, String source) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ChdbLibraryException(source + " points to " + path + ", which is not a readable file.");
        }
        return path.toAbsolutePath();
    }

    private Path download(Path target) {
        String spec = npmPackage();
        Path directory = target.getParent();
        synchronized (DOWNLOAD_MONITOR) {
            try {
                Files.createDirectories(directory);
                try (FileChannel lockChannel = FileChannel.open(directory.resolve(".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockChannel.lock()) {
                    if (Files.isRegularFile(target)) {
                        return target; // another build finished the download while we waited for the lock
                    }
                    deleteAbandonedDownloads(directory);
                    LOG.log(Level.INFO, "chDB {0} is not in {1}; downloading {2} with npm (about 170 MB, once per machine)",
                            version, directory, spec);
                    Path work = Files.createTempDirectory(directory, DOWNLOAD_DIR_PREFIX);
                    try {
                        Path extracted = work.resolve(LIBRARY_FILE);
                        extractLibrary(npmPack(spec, work), extracted);
                        Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                        deleteRecursively(work);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                throw new ChdbLibraryException(notFoundMessage(target, spec, e.toString()), e);
            }
        }
        LOG.log(Level.INFO, "chDB library ready at {0}", target);
        return target;
    }

    private Path npmPack(String spec, Path work) throws IOException {
        Path log = work.resolve("npm-pack.log");
        ProcessBuilder builder = new ProcessBuilder(npmCommand, "pack", spec)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ChdbLibraryException(notFoundMessage(cachedLibrary(), spec,
                    "npm could not be started (" + e.getMessage() + "); install Node.js/npm or provide the library"), e);
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new ChdbLibraryException(notFoundMessage(cachedLibrary(), spec,
                        "npm pack did not finish within " + NPM_TIMEOUT_MINUTES + " minutes. npm said:\n" + tail(log)));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ChdbLibraryException("Interrupted while downloading " + spec, e);
        }
        if (process.exitValue() != 0) {
            throw new ChdbLibraryException(notFoundMessage(cachedLibrary(), spec,
                    "npm pack exited with " + process.exitValue() + " (offline, or no registry access?). npm said:\n"
                            + tail(log)));
        }
        try (Stream<Path> files = Files.list(work)) {
            List<Path> tarballs = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
            if (tarballs.size() != 1) {
                throw new ChdbLibraryException(notFoundMessage(cachedLibrary(), spec,
                        "npm pack succeeded but produced " + tarballs.size() + " .tgz files in " + work
                                + ". npm said:\n" + tail(log)));
            }
            return tarballs.get(0);
        }
    }

    /** Streams the library out of the tarball; the npm package keeps it at {@code package/libchdb.so}. */
    private static void extractLibrary(Path tarball, Path destination) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile() && Path.of(entry.getName()).getFileName().toString().equals(LIBRARY_FILE)) {
                    long copied = Files.copy(tar, destination);
                    if (copied != entry.getSize()) {
                        throw new IOException("Truncated " + entry.getName() + " in " + tarball + ": " + copied
                                + " of " + entry.getSize() + " bytes");
                    }
                    makeExecutable(destination);
                    return;
                }
            }
        }
        throw new IOException(tarball + " does not contain " + LIBRARY_FILE);
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: permissions do not decide whether dlopen works there.
        }
    }

    /** Leftovers of a build that was killed mid-download; safe to delete because we hold the lock. */
    private static void deleteAbandonedDownloads(Path directory) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, DOWNLOAD_DIR_PREFIX + "*")) {
            for (Path leftover : leftovers) {
                LOG.log(Level.DEBUG, "Deleting abandoned download {0}", leftover);
                deleteRecursively(leftover);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (FileSystemException e) {
            LOG.log(Level.WARNING, "Could not delete {0}: {1}", root, e.getMessage());
        }
    }

    private String notFoundMessage(Path target, String spec, String reason) {
        return "No chDB library found. Tried: a configured path (none), " + LIBRARY_ENV
                + " (not set), the cache " + target + " (absent), and `npm pack " + spec + "`: " + reason
                + "\nTo fix it offline, point " + LIBRARY_ENV + " or -Dtinybird.local.chdbLibrary at a libchdb.so, "
                + "or fill the cache: mkdir -p " + target.getParent() + " && cd " + target.getParent()
                + " && npm pack " + spec + " && tar -xzf *.tgz -O package/" + LIBRARY_FILE + " > " + LIBRARY_FILE
                + ".tmp && mv " + LIBRARY_FILE + ".tmp " + LIBRARY_FILE + " && rm *.tgz";
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8).strip();
            return text.length() <= NPM_OUTPUT_TAIL_CHARS ? text : "…" + text.substring(text.length() - NPM_OUTPUT_TAIL_CHARS);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
