package org.tinybirdmaven.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tinybirdmaven.syntax.SyntaxException;

/**
 * Finds the tables a ClickHouse {@code SELECT} (possibly a Tinybird template) reads, without a full parse.
 *
 * <p>What is reported:
 * <ul>
 *   <li>{@link TableReference.Kind#FROM}: the table after {@code FROM}, after every {@code JOIN} flavour
 *       ({@code LEFT/RIGHT/FULL/INNER/CROSS/PASTE}, {@code ANY/ALL/SEMI/ANTI/ASOF}, {@code GLOBAL}…), after a comma of
 *       the {@code FROM} clause, at any depth (subqueries in {@code FROM}, {@code WHERE}, the select list,
 *       {@code IN (…)}, {@code EXISTS (…)}, CTE bodies, {@code UNION}/{@code INTERSECT}/{@code EXCEPT} branches). A
 *       single-quoted string in table position ({@code FROM 'events'}) is a table name, as in ClickHouse.<br>
 *       {@code x [GLOBAL] [NOT] IN name} and {@code x IN (name)} are reported too: ClickHouse reads the table
 *       {@code name} there, so it is a dependency (except inside {@code position(a IN b)}, the SQL-standard spelling
 *       of a function call).</li>
 *   <li>{@link TableReference.Kind#JOIN_GET} / {@link TableReference.Kind#DICT_GET}: the literal first argument of
 *       {@code joinGet}, {@code joinGetOrNull}, {@code dictGet*}, {@code dictHas}, {@code dictIsIn}
 *       (function names matched case-insensitively); {@code 'db.name'} is split at its first dot.</li>
 *   <li>{@link TableReference.Kind#TEMPLATE_TABLE}: the literal argument of {@code table('x')} / {@code TABLE("x")} in
 *       any template region, including statements ({@code {% set t = table('x') %}}), split like the above.</li>
 * </ul>
 *
 * <p>What is not: names declared by {@code WITH name AS (…)} (from the next {@code WITH} element on, or inside their
 * own body too with {@code WITH RECURSIVE}) and aliases of {@code WITH expr AS alias}, wherever they are visible: in
 * the query that declares them, its {@code UNION} branches and all nested subqueries, never outside the parentheses
 * that enclose the declaration; table functions ({@code numbers(10)}, {@code s3(…)}, {@code remote(…)}…) whose
 * arguments are scanned like any expression, so {@code remote('h', db.t)} or {@code cluster('c', db, t)} report
 * nothing while a subquery inside {@code view(SELECT … FROM t)} does; {@code ARRAY JOIN} lists, {@code USING} lists,
 * aliases, column references, tuple access, lambdas, {@code FROM} inside {@code EXTRACT(x FROM d)} or
 * {@code TRIM(… FROM s)} (a {@code FROM} inside parentheses only counts once the parentheses hold a {@code SELECT},
 * or when it starts them); anything inside strings or comments; a template expression where a table name is expected
 * ({@code FROM {{ table(t) }}}, {@code FROM {{ symbol(x) }}}) unless it is a literal {@code table('x')}.
 *
 * <p>Template statements do not interrupt the SQL. {@code {% if %}}, {@code {% for %}}, {@code {% while %}},
 * {@code {% try %}} remember the scan state; every {@code {% elif %}}, {@code {% else %}}, {@code {% except %}},
 * {@code {% finally %}} branch restarts from it, so the tables of all branches are reported (their union is the
 * dependency set of the node); after {@code {% end %}} the scan continues from the end of the first branch.
 * Unmatched statements are ignored: validating the template is not this class's job.
 *
 * <p>Parentheses must balance (outside strings, comments and template regions, and per template branch): an extra
 * {@code )} or an unclosed {@code (} is a {@link SyntaxException} at that parenthesis; lexical errors come from
 * {@link SqlLexer}. Names are reported exactly as written (case kept), qualified ones with their database, in order of
 * first appearance, once per name and kind; internal tables and node names are not filtered here.
 */
public final class SqlTableScanner {

    /** How an occurrence is written, which decides how to rewrite it. */
    enum Form {
        IDENTIFIER,
        SQL_STRING,
        PYTHON_STRING
    }

    /**
     * One place a table is named: {@code [start, end)} covers the name as written (qualifier included), {@code quote}
     * is its quote character ({@code 0} for a bare identifier).
     */
    record Occurrence(TableReference reference, int start, int end, Form form, char quote) {}

    private record Key(String database, String name, TableReference.Kind kind) {}

    private static final Set<String> CLAUSE_KEYWORDS =
            Set.of("WHERE", "PREWHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "SETTINGS", "FORMAT", "WINDOW", "QUALIFY",
                    "INTO");
    private static final Set<String> SET_OPERATORS = Set.of("UNION", "INTERSECT", "EXCEPT");
    /** Bare words that are never a table name where one is expected: the query is broken or templated there. */
    private static final Set<String> NOT_TABLE_NAMES =
            Set.of("SELECT", "FROM", "WITH", "WHERE", "PREWHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "SETTINGS",
                    "FORMAT", "WINDOW", "QUALIFY", "INTO", "UNION", "INTERSECT", "EXCEPT", "JOIN", "ON", "USING", "AS",
                    "FINAL", "SAMPLE", "ARRAY", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "PASTE", "ANY",
                    "ALL", "SEMI", "ANTI", "ASOF", "GLOBAL", "AND", "OR", "NOT", "IN", "NULL", "TRUE", "FALSE");
    private static final Set<String> TEMPLATE_BLOCKS = Set.of("if", "for", "while", "try", "block", "apply");
    private static final Set<String> TEMPLATE_BRANCHES = Set.of("elif", "else", "except", "finally");

    private final String sql;
    private final List<SqlToken> tokens;
    private final List<Occurrence> occurrences = new ArrayList<>();
    private final Deque<Branching> branchings = new ArrayDeque<>();
    private List<Frame> frames = new ArrayList<>();

    private SqlTableScanner(String sql) {
        this.sql = sql;
        this.tokens = SqlLexer.tokenize(sql);
        Frame top = new Frame(null, null);
        top.query = true;
        frames.add(top);
    }

    /**
     * The tables {@code sql} reads, in order of first appearance, each name and kind once.
     *
     * @throws SyntaxException on unbalanced parentheses or an unterminated string, comment or template region
     */
    public static List<TableReference> scan(String sql) {
        Map<Key, TableReference> firstByKey = new LinkedHashMap<>();
        for (Occurrence occurrence : occurrences(sql)) {
            TableReference reference = occurrence.reference();
            firstByKey.putIfAbsent(new Key(reference.database(), reference.name(), reference.kind()), reference);
        }
        return List.copyOf(firstByKey.values());
    }

    /** Every occurrence, duplicates included, in order of offset. */
    static List<Occurrence> occurrences(String sql) {
        SqlTableScanner scanner = new SqlTableScanner(sql);
        scanner.run();
        return scanner.occurrences;
    }

    private void run() {
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            switch (token.kind()) {
                case TEMPLATE_COMMENT -> { }
                case TEMPLATE_STATEMENT -> {
                    templateTables(token);
                    controlFlow(token);
                }
                case TEMPLATE_EXPRESSION -> {
                    templateTables(token);
                    frame().operandSeen();
                }
                default -> i = significant(i);
            }
        }
        if (frames.size() > 1) {
            SqlToken open = frame().open;
            throw new SyntaxException("unclosed '('", open.line(), open.column());
        }
    }

    /** Handles one SQL token; returns the index of the last token it consumed. */
    private int significant(int i) {
        Frame frame = frame();
        if (frame.expectTable) {
            frame.operandSeen();
            int last = tableExpression(i);
            if (last >= 0) {
                return last;
            }
        } else if (frame.expectInTable) {
            frame.operandSeen();
            int last = inTable(i);
            if (last >= 0) {
                return last;
            }
        }
        boolean queryStart = frame.queryStart;
        frame.queryStart = false;
        SqlToken token = tokens.get(i);
        switch (token.kind()) {
            case LEFT_PAREN -> open(i);
            case RIGHT_PAREN -> close(token);
            case COMMA -> frame.expectTable = frame.clause == Clause.FROM;
            case WORD -> keyword(i, queryStart);
            default -> { }
        }
        return i;
    }

    private void keyword(int i, boolean queryStart) {
        Frame frame = frame();
        String word = tokens.get(i).text().toUpperCase(Locale.ROOT);
        switch (word) {
            case "SELECT" -> {
                frame.query = true;
                frame.beforeSelect = false;
                frame.clause = Clause.OTHER;
            }
            case "WITH" -> {
                if (frame.beforeSelect) {
                    frame.clause = Clause.WITH;
                    frame.recursive = isWord(i + 1, "RECURSIVE");
                }
            }
            case "AS" -> {
                if (frame.clause == Clause.WITH) {
                    withName(i);
                }
            }
            case "FROM" -> {
                if (frame.query || queryStart) {
                    frame.query = true;
                    frame.clause = Clause.FROM;
                    frame.expectTable = true;
                }
            }
            case "JOIN" -> {
                if (frame.query) {
                    boolean arrayJoin = isWord(i - 1, "ARRAY");
                    frame.clause = arrayJoin ? Clause.ARRAY_JOIN : Clause.FROM;
                    frame.expectTable = !arrayJoin;
                }
            }
            case "USING" -> {
                if (frame.clause == Clause.FROM) {
                    frame.clause = Clause.USING;
                }
            }
            case "IN" -> frame.expectInTable = !"position".equals(frame.callee);
            default -> {
                if (CLAUSE_KEYWORDS.contains(word)) {
                    frame.clause = Clause.OTHER;
                } else if (SET_OPERATORS.contains(word)) {
                    frame.clause = Clause.OTHER;
                    frame.beforeSelect = true;
                }
            }
        }
    }

    /** {@code name AS (…)} declares a CTE, {@code expr AS alias} an alias; neither is a table. */
    private void withName(int as) {
        Frame frame = frame();
        SqlToken next = tokenAt(as + 1);
        if (next != null && next.kind() == SqlToken.Kind.LEFT_PAREN) {
            SqlToken name = tokenAt(as - 1);
            if (isIdentifier(name)) {
                if (frame.recursive) {
                    frame.declare(identifier(name));
                } else {
                    frame.pendingCte = identifier(name);
                }
            }
        } else if (isIdentifier(next)) {
            frame.declare(identifier(next));
        }
    }

    /** Where a table is expected; returns the last token consumed, or -1 to handle the token as usual. */
    private int tableExpression(int i) {
        SqlToken token = tokens.get(i);
        if (isIdentifier(token)) {
            int last = compoundIdentifierEnd(i);
            if (kindAt(last + 1) == SqlToken.Kind.LEFT_PAREN) {
                return last;
            }
            if (isReservedWord(token)) {
                return -1;
            }
            reportName(i, last);
            return last;
        }
        if (token.kind() == SqlToken.Kind.STRING && isLiteral(i) && !token.value().isEmpty()) {
            report(new TableReference(null, token.value(), TableReference.Kind.FROM, token.line(), token.column()),
                    token.offset(), token.end(), Form.SQL_STRING, '\'');
            return i;
        }
        return -1;
    }

    /**
     * Right after {@code IN}: a (possibly qualified) name is a table, also when it is alone in parentheses (ClickHouse
     * parses {@code IN (t)} exactly like {@code IN t}). Returns the last token consumed, or -1 to handle the token as
     * usual (the parentheses always are, to keep their balance).
     */
    private int inTable(int i) {
        if (kindAt(i) == SqlToken.Kind.LEFT_PAREN) {
            int last = tableNameEnd(i + 1);
            if (last >= 0 && kindAt(last + 1) == SqlToken.Kind.RIGHT_PAREN) {
                reportName(i + 1, last);
            }
            return -1;
        }
        int last = tableNameEnd(i);
        if (last >= 0) {
            reportName(i, last);
        }
        return last;
    }

    /** End of the (possibly qualified) name starting at {@code i}, or -1 if no table name starts there. */
    private int tableNameEnd(int i) {
        SqlToken token = tokenAt(i);
        if (!isIdentifier(token) || isReservedWord(token)) {
            return -1;
        }
        int last = compoundIdentifierEnd(i);
        return kindAt(last + 1) == SqlToken.Kind.LEFT_PAREN ? -1 : last;
    }

    private int compoundIdentifierEnd(int first) {
        int last = first;
        while (kindAt(last + 1) == SqlToken.Kind.DOT && isIdentifier(tokenAt(last + 2))) {
            last += 2;
        }
        return last;
    }

    /** Reports the identifier tokens {@code first, first + 2, …, last} (separated by dots) as a FROM reference. */
    private void reportName(int first, int last) {
        for (int part = first; part <= last; part += 2) {
            if (!isLiteral(part)) {
                return;
            }
        }
        SqlToken firstToken = tokens.get(first);
        SqlToken nameToken = tokens.get(last);
        String name = identifier(nameToken);
        String database = null;
        if (last > first) {
            StringBuilder qualifier = new StringBuilder(identifier(firstToken));
            for (int part = first + 2; part < last; part += 2) {
                qualifier.append('.').append(identifier(tokens.get(part)));
            }
            database = qualifier.toString();
        } else if (isDeclared(name)) {
            return;
        }
        char quote = nameToken.kind() == SqlToken.Kind.QUOTED_IDENTIFIER ? nameToken.text().charAt(0) : 0;
        report(new TableReference(database, name, TableReference.Kind.FROM, firstToken.line(), firstToken.column()),
                firstToken.offset(), nameToken.end(), Form.IDENTIFIER, quote);
    }

    private void open(int i) {
        SqlToken previous = tokenAt(i - 1);
        String callee = isIdentifier(previous) ? identifier(previous).toLowerCase(Locale.ROOT) : null;
        Frame parent = frame();
        Frame child = new Frame(tokens.get(i), callee);
        child.cteBody = parent.pendingCte;
        parent.pendingCte = null;
        frames.add(child);
        if (callee != null) {
            functionArgument(callee, i);
        }
    }

    private void close(SqlToken token) {
        if (frames.size() == 1) {
            throw new SyntaxException("unbalanced ')': no '(' to close", token.line(), token.column());
        }
        Frame closed = frames.remove(frames.size() - 1);
        if (closed.cteBody != null) {
            frame().declare(closed.cteBody);
        }
    }

    /** {@code joinGet('t', …)}, {@code dictGet('db.d', …)}: the literal first argument names a table. */
    private void functionArgument(String callee, int open) {
        TableReference.Kind kind;
        if (callee.equals("joinget") || callee.equals("joingetornull")) {
            kind = TableReference.Kind.JOIN_GET;
        } else if (callee.startsWith("dictget") || callee.equals("dicthas") || callee.equals("dictisin")) {
            kind = TableReference.Kind.DICT_GET;
        } else {
            return;
        }
        SqlToken argument = tokenAt(open + 1);
        SqlToken.Kind after = kindAt(open + 2);
        if (argument != null
                && (argument.kind() == SqlToken.Kind.STRING || argument.kind() == SqlToken.Kind.HEREDOC)
                && isLiteral(open + 1)
                && (after == SqlToken.Kind.COMMA || after == SqlToken.Kind.RIGHT_PAREN)) {
            reportQualifiedLiteral(argument.value(), kind, argument.line(), argument.column(), argument.offset(),
                    argument.end(), Form.SQL_STRING, '\'');
        }
    }

    private void templateTables(SqlToken region) {
        for (TemplateTables.Call call : TemplateTables.find(sql, region)) {
            int line = region.line();
            int column = region.column();
            for (int i = region.offset(); i < call.literalStart(); i++) {
                if (sql.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            reportQualifiedLiteral(call.value(), TableReference.Kind.TEMPLATE_TABLE, line, column, call.literalStart(),
                    call.literalEnd(), Form.PYTHON_STRING, sql.charAt(call.literalStart()));
        }
    }

    private void reportQualifiedLiteral(String value, TableReference.Kind kind, int line, int column, int start,
            int end, Form form, char quote) {
        if (value.isEmpty()) {
            return;
        }
        int dot = value.indexOf('.');
        TableReference reference = dot > 0 && dot < value.length() - 1
                ? new TableReference(value.substring(0, dot), value.substring(dot + 1), kind, line, column)
                : new TableReference(null, value, kind, line, column);
        report(reference, start, end, form, quote);
    }

    private void report(TableReference reference, int start, int end, Form form, char quote) {
        occurrences.add(new Occurrence(reference, start, end, form, quote));
    }

    private void controlFlow(SqlToken statement) {
        String body = statement.value().strip();
        int wordEnd = 0;
        while (wordEnd < body.length() && Character.isLetter(body.charAt(wordEnd))) {
            wordEnd++;
        }
        String word = body.substring(0, wordEnd);
        if (TEMPLATE_BLOCKS.contains(word)) {
            branchings.push(new Branching(copy(frames)));
        } else if (TEMPLATE_BRANCHES.contains(word) && !branchings.isEmpty()) {
            Branching branching = branchings.peek();
            if (branching.firstBranchEnd == null) {
                branching.firstBranchEnd = frames;
            }
            frames = copy(branching.start);
        } else if (word.equals("end") && !branchings.isEmpty()) {
            Branching branching = branchings.pop();
            if (branching.firstBranchEnd != null) {
                frames = branching.firstBranchEnd;
            }
        }
    }

    private boolean isDeclared(String name) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            Set<String> names = frames.get(i).declared;
            if (names != null && names.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** A string or quoted identifier without template regions inside (those follow it, offsets inside it). */
    private boolean isLiteral(int i) {
        SqlToken next = tokenAt(i + 1);
        return next == null || next.offset() >= tokens.get(i).end();
    }

    private boolean isReservedWord(SqlToken token) {
        return token.kind() == SqlToken.Kind.WORD && NOT_TABLE_NAMES.contains(token.text().toUpperCase(Locale.ROOT));
    }

    private boolean isWord(int i, String upperCase) {
        SqlToken token = tokenAt(i);
        return token != null && token.kind() == SqlToken.Kind.WORD && token.text().equalsIgnoreCase(upperCase);
    }

    private static boolean isIdentifier(SqlToken token) {
        return token != null
                && (token.kind() == SqlToken.Kind.WORD || token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER);
    }

    private static String identifier(SqlToken token) {
        return token.kind() == SqlToken.Kind.QUOTED_IDENTIFIER ? token.value() : token.text();
    }

    private SqlToken tokenAt(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }

    private SqlToken.Kind kindAt(int i) {
        SqlToken token = tokenAt(i);
        return token == null ? null : token.kind();
    }

    private Frame frame() {
        return frames.get(frames.size() - 1);
    }

    private static List<Frame> copy(List<Frame> frames) {
        List<Frame> copy = new ArrayList<>(frames.size());
        for (Frame frame : frames) {
            copy.add(frame.copy());
        }
        return copy;
    }

    private enum Clause {
        OTHER,
        WITH,
        FROM,
        USING,
        ARRAY_JOIN
    }

    /** Scan state of one parenthesis level (the whole query at the bottom of the stack). */
    private static final class Frame {
        final SqlToken open;
        /** Lower-case name of the function whose arguments these parentheses hold, or null. */
        final String callee;
        /** A SELECT was seen at this level: FROM and JOIN introduce tables. */
        boolean query;
        /** Nothing seen yet at this level: a FROM here is a FROM-first query. */
        boolean queryStart = true;
        /** No SELECT since the level opened or since the last set operator: WITH starts a WITH clause. */
        boolean beforeSelect = true;
        boolean recursive;
        Clause clause = Clause.OTHER;
        boolean expectTable;
        boolean expectInTable;
        /** CTE named by {@code name AS}, waiting for its opening parenthesis. */
        String pendingCte;
        /** CTE whose body this level is; declared in the parent level when it closes. */
        String cteBody;
        /** CTE names and WITH aliases declared at this level. */
        Set<String> declared;

        Frame(SqlToken open, String callee) {
            this.open = open;
            this.callee = callee;
        }

        void operandSeen() {
            expectTable = false;
            expectInTable = false;
            queryStart = false;
        }

        void declare(String name) {
            if (declared == null) {
                declared = new HashSet<>();
            }
            declared.add(name);
        }

        Frame copy() {
            Frame copy = new Frame(open, callee);
            copy.query = query;
            copy.queryStart = queryStart;
            copy.beforeSelect = beforeSelect;
            copy.recursive = recursive;
            copy.clause = clause;
            copy.expectTable = expectTable;
            copy.expectInTable = expectInTable;
            copy.pendingCte = pendingCte;
            copy.cteBody = cteBody;
            copy.declared = declared == null ? null : new HashSet<>(declared);
            return copy;
        }
    }

    /** Scan state saved at a template block, to restart every branch from it. */
    private static final class Branching {
        final List<Frame> start;
        List<Frame> firstBranchEnd;

        Branching(List<Frame> start) {
            this.start = start;
        }
    }
}
