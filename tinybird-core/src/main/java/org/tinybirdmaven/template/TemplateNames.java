package org.tinybirdmaven.template;

import java.util.HashSet;
import java.util.Set;

/** The names that have a fixed meaning in Tinybird templates (spec §4.5–§4.7). */
final class TemplateNames {

    /** Type functions (§4.5): their first argument, when a bare name, is a typed parameter. */
    static final Set<String> TYPE_FUNCTIONS = Set.of(
            "String", "Boolean", "bool", "Date", "DateTime", "DateTime64",
            "Int8", "Int16", "Int32", "Int64", "Int128", "Int256",
            "UInt8", "UInt16", "UInt32", "UInt64", "UInt128", "UInt256",
            "Int", "Integer", "Float32", "Float64", "Array", "JSON", "Symbol", "Column");

    /**
     * Helpers (§4.6) that read a request parameter through their first argument: a bare name there is a
     * parameter with {@code used_in: "function_call"}.
     */
    static final Set<String> PARAMETER_HELPERS = Set.of(
            "defined", "column", "columns", "symbol", "table", "TABLE", "split_to_array", "enumerate_with_last",
            "sql_unescape", "day_diff", "date_diff_in_seconds", "date_diff_in_minutes", "date_diff_in_hours",
            "date_diff_in_days");

    /** The other helpers (§4.6): their arguments are values, messages, secret names or settings. */
    static final Set<String> OTHER_HELPERS = Set.of(
            "sql_and", "error", "custom_error", "max_threads", "cache_ttl", "backend_hint", "activate", "disable",
            "tb_secret", "tb_var");

    /**
     * Python builtins callable from templates without a warning: pure functions and constructors of plain values.
     * Other builtins are either forbidden ({@link #FORBIDDEN_BUILTINS}) or warned about like unknown functions.
     */
    static final Set<String> ALLOWED_BUILTINS = Set.of(
            "abs", "all", "any", "ascii", "bin", "bool", "chr", "dict", "divmod", "enumerate", "filter", "float",
            "frozenset", "hash", "hex", "int", "isinstance", "issubclass", "iter", "len", "list", "map",
            "max", "min", "next", "oct", "ord", "pow", "range", "repr", "reversed", "round", "set", "slice", "sorted",
            "str", "sum", "tuple", "zip");

    /**
     * Builtins that Tinybird shadows ({@code open}, {@code close}, {@code print}, {@code input},
     * {@code __import__}) or that give access to code, the interpreter or the object system.
     */
    static final Set<String> FORBIDDEN_BUILTINS = Set.of(
            "open", "close", "print", "input", "__import__", "eval", "exec", "compile", "globals", "locals", "vars",
            "getattr", "setattr", "delattr", "breakpoint", "exit", "quit", "help", "dir", "memoryview");

    /** Cannot be template variables (§4.7): Tinybird rejects the template. */
    static final Set<String> FORBIDDEN_VARIABLES = Set.of("format", "q");

    /** Request options of the endpoint API (§4.7): Tinybird warns when a template uses them as variables. */
    static final Set<String> RESERVED_PARAMETERS = Set.of(
            "__tb__semver", "debug", "debug_source_tables", "explain", "finalize_aggregations",
            "output_format_json_quote_64bit_integers", "output_format_json_quote_denormals",
            "output_format_parquet_string_as_string", "pipeline", "playground", "q", "query_id",
            "release_replacements", "tag", "template_parameters", "token", "job_timestamp");

    /** Python 3.11's {@code builtins} module. */
    static final Set<String> PYTHON_BUILTINS = Set.of(
            "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
            "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
            "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
            "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError", "Exception",
            "ExceptionGroup", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
            "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError",
            "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
            "ModuleNotFoundError", "NameError", "NotADirectoryError", "NotImplemented", "NotImplementedError",
            "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
            "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning",
            "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit",
            "TabError", "TimeoutError", "TypeError", "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError",
            "UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError", "Warning",
            "ZeroDivisionError", "__build_class__", "__debug__", "__doc__", "__import__", "__loader__", "__name__",
            "__package__", "__spec__", "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint",
            "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright", "credits",
            "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format",
            "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
            "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min", "next",
            "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed", "round",
            "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars",
            "zip");

    /**
     * Names that are never parameters when used plainly: Python builtins and template functions. {@code format}
     * stays a variable (so that it is reported), {@code id} is explicitly allowed as a parameter by Tinybird.
     */
    static final Set<String> NOT_PARAMETERS;

    /** Functions that can be called without a warning. */
    static final Set<String> KNOWN_FUNCTIONS;

    static {
        Set<String> notParameters = new HashSet<>(PYTHON_BUILTINS);
        notParameters.removeAll(Set.of("format", "id"));
        notParameters.addAll(TYPE_FUNCTIONS);
        notParameters.addAll(PARAMETER_HELPERS);
        notParameters.addAll(OTHER_HELPERS);
        NOT_PARAMETERS = Set.copyOf(notParameters);

        Set<String> known = new HashSet<>(ALLOWED_BUILTINS);
        known.addAll(TYPE_FUNCTIONS);
        known.addAll(PARAMETER_HELPERS);
        known.addAll(OTHER_HELPERS);
        KNOWN_FUNCTIONS = Set.copyOf(known);
    }

    private TemplateNames() {}
}
