package org.tinybirdmaven.datafile;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses Classic datafiles ({@code .datasource}, {@code .pipe}, {@code .token}) into the model, reproducing the
 * Classic CLI's line rules (see {@link LineTokenizer} and the block rules in {@link #parse(Path, String)}), and
 * collects every problem it can find instead of stopping at the first.
 *
 * <p>Where Classic is lenient in ways that only hide mistakes, this parser reports an error (an instruction that
 * means nothing in the kind of file, a TYPE materialized node without DATASOURCE, an unknown TOKEN permission).
 * Where Classic accepts legacy instructions that real projects still contain ({@code SORTING_KEY}, {@code KEY},
 * {@code TEST}), it reports a warning and ignores them.
 */
public final class DatafileParser {

    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** A datasource shared by another workspace may be kept as {@code <workspace>.<name>.datasource}. */
    private static final Pattern SHARED_DATASOURCE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern VERSION = Pattern.compile("[0-9]+");
    private static final Pattern UPPER_CASE_WORD = Pattern.compile("[A-Z_]+");
    private static final int MAX_INCLUDE_DEPTH = 16;

    private final Map<String, String> environment;
    private final DatafileChecks checks;

    /**
     * @param environment the variables for {@code $VAR} substitution (normally the process environment; passed in so
     *                    builds and tests control it)
     */
    public DatafileParser(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.checks = new DatafileChecks();
    }

    /** Reads {@code file} as UTF-8 and parses it. */
    public ParsedDatafile parse(Path file) {
        String content;
        try {
            byte[] bytes = Files.readAllBytes(file);
            content = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return failed(file, "The file is not valid UTF-8");
        } catch (IOException e) {
            return failed(file, "Cannot read the file: " + e.getMessage());
        }
        return parse(file, content);
    }

    /** Parses {@code content} as if it were the content of {@code file}. */
    public ParsedDatafile parse(Path file, String content) {
        DatafileKind kind = DatafileKind.of(file).orElse(null);
        if (kind == null || kind == DatafileKind.INCLUDE) {
            return failed(file, "Not a datafile: expected a .datasource, .pipe or .token file");
        }
        return new FileParse(file, kind, content).run();
    }

    private static ParsedDatafile failed(Path file, String message) {
        return new ParsedDatafile(file, null, List.of(Diagnostic.error(Location.of(file, 1), message)));
    }

    /** One physical line of the expanded file, with where it came from (the file itself or an include). */
    record SourceLine(String text, Location location, List<Path> includeChain) {}

    /** The argument of an instruction: the words after it on its line, or the lines of its {@code >} block. */
    private record Argument(List<LineTokenizer.Word> words, String restOfLine, List<SourceLine> blockLines,
                            Location location) {

        boolean isBlock() {
            return blockLines != null;
        }

        /** The words joined with one space, or the block text; trimmed, quotes kept. */
        String raw() {
            if (isBlock()) {
                return String.join("\n", blockLines.stream().map(SourceLine::text).toList()).strip();
            }
            return String.join(" ", words.stream().map(LineTokenizer.Word::text).toList()).strip();
        }

        boolean isEmpty() {
            return isBlock() ? blockLines.isEmpty() : words.isEmpty();
        }
    }

    /** The state of parsing one file. */
    private final class FileParse {
        private final Path file;
        private final DatafileKind kind;
        private final String name;
        private final List<SourceLine> lines = new ArrayList<>();
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private final DatafileBuilder builder;

        private String blockCommand;
        private LineTokenizer.Word blockWord;
        private SourceLine blockStart;
        private List<SourceLine> blockLines;

        FileParse(Path file, DatafileKind kind, String content) {
            this.file = file;
            this.kind = kind;
            this.name = kind.resourceName(file);
            this.builder = new DatafileBuilder(file, kind, name, diagnostics);
            List<String> physical = splitLines(content);
            for (int i = 0; i < physical.size(); i++) {
                lines.add(new SourceLine(physical.get(i), new Location(file, i + 1, 1), List.of()));
            }
        }

        ParsedDatafile run() {
            boolean shared = kind == DatafileKind.DATASOURCE && SHARED_DATASOURCE_NAME.matcher(name).matches();
            if (!RESOURCE_NAME.matcher(name).matches() && !shared) {
                diagnostics.add(Diagnostic.error(Location.of(file, 1), "Invalid resource name '" + name
                        + "' (taken from the file name): names start with a letter and contain only letters,"
                        + " numbers and underscores"));
            }
            int index = 0;
            while (index < lines.size()) {
                index = processLine(index);
            }
            if (blockCommand != null) {
                finishBlock();
            }
            Datafile datafile = builder.build();
            if (datafile != null) {
                diagnostics.addAll(checks.check(datafile));
            }
            diagnostics.sort(Diagnostic.BY_POSITION);
            return new ParsedDatafile(file, datafile, diagnostics);
        }

        /** Handles the line at {@code index} and returns the index of the next line to handle. */
        private int processLine(int index) {
            SourceLine line = lines.get(index);
            List<LineTokenizer.Word> words;
            LineTokenizer.UnclosedQuoteException unclosed = null;
            try {
                words = LineTokenizer.tokenize(line.text());
            } catch (LineTokenizer.UnclosedQuoteException e) {
                // Classic then re-reads the line as one quoted word, which is never an instruction.
                words = List.of(new LineTokenizer.Word(line.text(), 1));
                unclosed = e;
            }
            if (words.isEmpty()) {
                return index + 1;
            }
            String command = words.get(0).text().toLowerCase(Locale.ROOT);
            if (blockCommand != null) {
                if (unclosed != null || !endsBlock(line.text(), command)) {
                    blockLines.add(line);
                    warnIfMisspelledInstruction(line, words.get(0));
                    return index + 1;
                }
                finishBlock();
            }
            if (unclosed != null) {
                error(line.location().withColumn(unclosed.column), "Unclosed " + unclosed.quote
                        + " quote: add the closing quote or use a '>' block for values that span lines");
                return index + 1;
            }
            if (words.size() >= 2 && words.get(1).text().equals(">")) {
                blockCommand = command;
                blockWord = words.get(0);
                blockStart = line;
                blockLines = new ArrayList<>();
                return index + 1;
            }
            if (command.equals("include")) {
                return expandInclude(index, words, line);
            }
            LineTokenizer.Word first = words.get(0);
            String rest = line.text().substring(first.column() - 1 + first.text().length()).strip();
            Location at = line.location().withColumn(first.column());
            List<LineTokenizer.Word> args = words.subList(1, words.size());
            Location valueAt = args.isEmpty() ? at : line.location().withColumn(args.get(0).column());
            instruction(command, first.text(), at, new Argument(args, rest, null, valueAt));
            return index + 1;
        }

        /**
         * A block ends at the first line that is not indented, is an instruction, and does not start with
         * {@code from} (Classic's exception: SQL often has FROM at column 0, and FROM is also a legacy instruction).
         */
        private boolean endsBlock(String text, String command) {
            boolean indented = text.startsWith(" ") || text.startsWith("\t");
            return !indented && Instructions.isKnown(command) && !text.toLowerCase(Locale.ROOT).startsWith("from");
        }

        /**
         * A misspelled instruction at column 0 does not end a block (only known instructions do), so it silently
         * becomes part of the SQL or schema; say so when an upper-case word there is close to an instruction.
         */
        private void warnIfMisspelledInstruction(SourceLine line, LineTokenizer.Word first) {
            if (first.column() != 1 || !UPPER_CASE_WORD.matcher(first.text()).matches()) {
                return;
            }
            String hint = Instructions.suggestion(first.text().toLowerCase(Locale.ROOT));
            if (hint != null) {
                warning(line.location(), first.text() + " at column 0 continues the " + blockWord.text()
                        .toUpperCase(Locale.ROOT) + " block: did you mean " + hint.toUpperCase(Locale.ROOT) + "?");
            }
        }

        private void finishBlock() {
            Location at = blockStart.location().withColumn(blockWord.column());
            List<SourceLine> collected = blockLines;
            String command = blockCommand;
            String written = blockWord.text();
            blockCommand = null;
            blockLines = null;
            if (collected.isEmpty()) {
                error(at, written.toUpperCase(Locale.ROOT) + " block is empty: write its lines indented below '"
                        + written + " >'");
                return;
            }
            instruction(command, written, at, new Argument(null, null, collected, collected.get(0).location()));
        }

        private void instruction(String command, String written, Location at, Argument argument) {
            if (command.equals("settings")) {
                error(at, "SETTINGS option is not allowed, use ENGINE_SETTINGS instead");
                return;
            }
            if (command.equals("key")) {
                warning(at, "KEY is a legacy instruction (Join tables) that current Tinybird CLIs reject; it is"
                        + " ignored");
                return;
            }
            if (!Instructions.isKnown(command)) {
                String hint = Instructions.suggestion(command);
                error(at, written + " is not a valid option"
                        + (hint == null ? "" : " (did you mean " + hint.toUpperCase(Locale.ROOT) + "?)"));
                return;
            }
            if (command.equals("node") && kind == DatafileKind.DATASOURCE) {
                error(at, "datasources can't have more than one node: NODE is only for .pipe files");
                return;
            }
            if (!Instructions.allowedIn(command, kind)) {
                error(at, command.toUpperCase(Locale.ROOT) + " is not a valid option in " + kind.extension()
                        + " files");
                return;
            }
            if (kind == DatafileKind.PIPE && Instructions.NODE_INSTRUCTIONS.contains(command)
                    && !builder.hasNode()) {
                error(at, command.toUpperCase(Locale.ROOT) + " must be called after a NODE command");
                return;
            }
            handle(command, at, argument);
        }

        private void handle(String command, Location at, Argument argument) {
            switch (command) {
                case "description" -> builder.description(argument.raw());
                case "token" -> token(at, argument);
                case "tags" -> builder.tags(value(argument), at);
                case "version" -> version(at, argument);
                case "from", "source", "maintainer" -> { /* legacy metadata: stored by Classic, never deployed */ }
                case "test" -> warning(at, "TEST is a debugging instruction; it is ignored");
                case "node" -> node(at, argument);
                case "sql" -> sql(at, argument);
                case "type" -> type(at, argument);
                case "mode" -> builder.nodeSetting(new Setting("copy_mode", value(argument), at));
                case "schema" -> builder.schema(blockText(argument), origin(argument), at);
                case "indexes", "indices" -> builder.indexes(blockText(argument), origin(argument), at);
                case "shared_with" -> builder.sharedWith(sharedWith(argument));
                case "forward_query" -> builder.datasourceSetting(new Setting(command, argument.raw(), at));
                case "engine" -> engine(command, at, argument);
                case "scope" -> builder.scope(value(argument), at);
                case "resource", "filter" -> {
                    if (kind == DatafileKind.TOKEN) {
                        builder.scopeAttribute(command, value(argument), at);
                    } else {
                        builder.nodeSetting(new Setting(command, value(argument), at));
                    }
                }
                default -> setting(command, at, argument);
            }
        }

        private void setting(String command, Location at, Argument argument) {
            if (Instructions.LEGACY_ENGINE_SETTINGS.contains(command)) {
                warning(at, command.toUpperCase(Locale.ROOT) + " is ignored by Tinybird: did you mean ENGINE_"
                        + command.toUpperCase(Locale.ROOT) + "?");
            } else if (command.startsWith("engine_")) {
                engine(command, at, argument);
            } else if (kind == DatafileKind.PIPE) {
                builder.nodeSetting(new Setting(command, value(argument), at));
            } else {
                builder.datasourceSetting(new Setting(command, value(argument), at));
            }
        }

        private void engine(String command, Location at, Argument argument) {
            Setting setting = new Setting(command, value(argument), at);
            if (kind == DatafileKind.PIPE) {
                builder.nodeSetting(setting);
            } else {
                builder.engineSetting(setting);
            }
        }

        private void token(Location at, Argument argument) {
            if (argument.isBlock() || argument.words().size() < 2) {
                error(at, "TOKEN needs a token name and a permission, e.g. TOKEN \"reader\" READ");
                return;
            }
            String tokenName = LineTokenizer.unquote(argument.words().get(0).text());
            String permission = argument.words().get(1).text();
            builder.token(new TokenGrant(tokenName, permission, at));
        }

        private void version(Location at, Argument argument) {
            String text = value(argument);
            if (!VERSION.matcher(text).matches()) {
                error(argument.location(), "VERSION must be a non-negative integer, not '" + text + "'");
                return;
            }
            try {
                builder.version(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                error(argument.location(), "VERSION " + text + " is too large");
            }
        }

        private void node(Location at, Argument argument) {
            String nodeName = EnvSubstitution.substitute(LineTokenizer.unquote(argument.raw()), environment);
            if (argument.isBlock() || nodeName.isEmpty()) {
                error(at, "NODE needs a name on the same line, e.g. NODE my_node");
                return;
            }
            if (!NODE_NAME.matcher(nodeName).matches()) {
                error(argument.location(), "Invalid node name \"" + nodeName + "\": use letters, numbers and"
                        + " underscores, starting with a letter or an underscore");
            }
            builder.node(nodeName, at);
        }

        private void sql(Location at, Argument argument) {
            if (argument.isBlock()) {
                builder.sql(blockSql(argument.blockLines()), at);
            } else {
                // One-line SQL (SQL select 1): kept as written after the keyword, since SQL is not tokenised.
                String text = EnvSubstitution.substitute(argument.restOfLine(), environment);
                Location start = argument.location();
                builder.sql(new Sql(text, text.startsWith("%"), new TextOrigin(List.of(start))), at);
            }
        }

        private Sql blockSql(List<SourceLine> block) {
            List<String> texts = block.stream().map(SourceLine::text).toList();
            String joined = String.join("\n", texts);
            List<Location> origins = new ArrayList<>();
            String text;
            if (joined.strip().startsWith("%")) {
                // Templates are only trimmed: indentation inside them is preserved.
                text = joined.strip();
                int firstIndent = leadingWhitespace(texts.get(0));
                for (int i = 0; i < block.size(); i++) {
                    origins.add(block.get(i).location().withColumn(i == 0 ? firstIndent + 1 : 1));
                }
            } else {
                int indent = commonIndent(texts);
                StringBuilder dedented = new StringBuilder();
                for (int i = 0; i < texts.size(); i++) {
                    dedented.append(i == 0 ? "" : "\n").append(texts.get(i).substring(indent));
                    origins.add(block.get(i).location().withColumn(indent + 1));
                }
                text = dedented.toString().stripTrailing();
            }
            text = EnvSubstitution.substitute(text, environment);
            return new Sql(text, text.startsWith("%"), new TextOrigin(origins));
        }

        private void type(Location at, Argument argument) {
            String text = value(argument);
            NodeType type = NodeType.fromDatafile(text).orElse(null);
            if (type == null) {
                error(argument.location(), "Unknown TYPE '" + text
                        + "': use endpoint, materialized, copy, sink or stream");
                return;
            }
            builder.type(type, at);
        }

        private List<String> sharedWith(Argument argument) {
            List<String> workspaces = new ArrayList<>();
            for (String part : argument.raw().split("\\s+")) {
                if (!part.isEmpty()) {
                    workspaces.add(LineTokenizer.unquote(part));
                }
            }
            return workspaces;
        }

        /** The value of a key/value instruction: joined, trimmed, unquoted, then environment-substituted. */
        private String value(Argument argument) {
            return EnvSubstitution.substitute(LineTokenizer.unquote(argument.raw()), environment);
        }

        /**
         * The text of a SCHEMA or INDEXES argument, line for line as written so parser positions map back to the
         * file. Quotes around the whole value are removed as Classic does (positions then shift by one column).
         */
        private String blockText(Argument argument) {
            if (!argument.isBlock()) {
                return LineTokenizer.unquote(argument.raw());
            }
            String text = String.join("\n", argument.blockLines().stream().map(SourceLine::text).toList());
            String stripped = text.strip();
            String unquoted = LineTokenizer.unquote(stripped);
            return unquoted.length() == stripped.length() ? text : unquoted;
        }

        private TextOrigin origin(Argument argument) {
            if (!argument.isBlock()) {
                return new TextOrigin(List.of(argument.location()));
            }
            return new TextOrigin(argument.blockLines().stream().map(SourceLine::location).toList());
        }

        private int expandInclude(int index, List<LineTokenizer.Word> words, SourceLine line) {
            Location at = line.location().withColumn(words.get(0).column());
            if (words.size() < 2) {
                error(at, "INCLUDE needs the path of an .incl file, e.g. INCLUDE \"../includes/common.incl\"");
                return index + 1;
            }
            String written = LineTokenizer.unquote(words.get(1).text());
            String pathText = EnvSubstitution.substitute(written, environment);
            Map<String, String> parameters = new LinkedHashMap<>();
            for (LineTokenizer.Word word : words.subList(2, words.size())) {
                String parameter = LineTokenizer.unquote(word.text());
                int equals = parameter.indexOf('=');
                if (equals <= 0) {
                    error(line.location().withColumn(word.column()), "INCLUDE parameter '" + parameter
                            + "' must be written KEY=value");
                    continue;
                }
                parameters.put(parameter.substring(0, equals), parameter.substring(equals + 1));
            }
            // Classic resolves every include, nested ones too, against the folder of the file being parsed.
            Path target = file.toAbsolutePath().getParent().resolve(pathText).normalize();
            Location pathAt = line.location().withColumn(words.get(1).column());
            if (line.includeChain().contains(target) || line.includeChain().size() >= MAX_INCLUDE_DEPTH) {
                List<String> chain = new ArrayList<>(line.includeChain().stream().map(p -> p.getFileName()
                        .toString()).toList());
                chain.add(target.getFileName().toString());
                error(pathAt, "INCLUDE cycle: " + String.join(" -> ", chain));
                return index + 1;
            }
            if (!Files.isRegularFile(target)) {
                List<String> unset = EnvSubstitution.unresolved(written, environment);
                error(pathAt, "Include file not found: " + pathText + " (looked for " + target + ")"
                        + (unset.isEmpty() ? "" : "; environment variable " + String.join(", ", unset.stream()
                        .map(v -> "$" + v).toList()) + (unset.size() == 1 ? " is" : " are") + " not set"));
                return index + 1;
            }
            String included;
            try {
                included = Files.readString(target, StandardCharsets.UTF_8);
            } catch (IOException e) {
                error(pathAt, "Cannot read include file " + target + ": " + e.getMessage());
                return index + 1;
            }
            included = EnvSubstitution.substitute(included, parameters);
            builder.include(target);
            List<Path> chain = new ArrayList<>(line.includeChain());
            chain.add(target);
            List<String> includedLines = splitLines(included);
            List<SourceLine> replacement = new ArrayList<>();
            replacement.add(new SourceLine("", line.location(), line.includeChain()));
            for (int i = 0; i < includedLines.size(); i++) {
                replacement.add(new SourceLine(includedLines.get(i), new Location(target, i + 1, 1),
                        List.copyOf(chain)));
            }
            lines.remove(index);
            lines.addAll(index, replacement);
            return index + 1;
        }

        private void error(Location at, String message) {
            diagnostics.add(Diagnostic.error(at, message));
        }

        private void warning(Location at, String message) {
            diagnostics.add(Diagnostic.warning(at, message));
        }
    }

    /** Splits on {@code \r\n}, {@code \r} and {@code \n} (Python's universal newlines). */
    static List<String> splitLines(String content) {
        List<String> result = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < content.length()) {
            char c = content.charAt(i);
            if (c == '\n' || c == '\r') {
                result.add(content.substring(start, i));
                i += (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < content.length()) {
            result.add(content.substring(start));
        }
        return result;
    }

    private static int leadingWhitespace(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Python's {@code textwrap.dedent}: the longest whitespace prefix common to all non-blank lines. */
    private static int commonIndent(List<String> texts) {
        String prefix = null;
        for (String text : texts) {
            if (text.isBlank()) {
                continue;
            }
            String indent = text.substring(0, leadingWhitespace(text));
            if (prefix == null) {
                prefix = indent;
            } else {
                int common = 0;
                while (common < prefix.length() && common < indent.length()
                        && prefix.charAt(common) == indent.charAt(common)) {
                    common++;
                }
                prefix = prefix.substring(0, common);
            }
        }
        return prefix == null ? 0 : prefix.length();
    }
}
