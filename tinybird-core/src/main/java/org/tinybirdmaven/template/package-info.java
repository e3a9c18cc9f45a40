/**
 * Tinybird's SQL template language (spec §4): a restricted fork of Tornado's template engine whose expressions are
 * Python.
 *
 * <p>Entry point: {@link org.tinybirdmaven.template.TemplateParser#parse(String)} returns a
 * {@link org.tinybirdmaven.template.Template}. Parsing runs in three stages:
 * <ol>
 *   <li>{@code TemplateLexer} cuts the source into text, {@code {{ expression }}} and {@code {% statement %}}
 *       chunks, dropping comments (Tornado's scanning rules);
 *   <li>{@code TemplateParser} nests statements into blocks ({@code if}, {@code for}, {@code while}, {@code try},
 *       each closed by {@code {% end %}}) and builds the {@link org.tinybirdmaven.template.Node} tree;
 *   <li>the Python inside tags is split into tokens by {@code PythonLexer} and parsed by {@code ExpressionParser}
 *       (f-string bodies by {@code FStringParser}) into {@link org.tinybirdmaven.template.Expr} and
 *       {@link org.tinybirdmaven.template.Target} trees.
 * </ol>
 * Errors are {@link org.tinybirdmaven.syntax.SyntaxException}s positioned in the parsed text.
 *
 * <p>On the resulting tree, {@code Template} offers Tinybird's static analyses: parameter discovery
 * ({@code ParameterCollector}), the checks of {@code tinybird:check} ({@code TemplateValidator}) and the
 * {@code table('...')} dependencies. {@code TemplateNames} lists the names with a fixed meaning (type functions,
 * helpers, allowed and forbidden builtins, reserved parameter names).
 *
 * <p>Rendering: {@link org.tinybirdmaven.template.TemplateRenderer} turns a {@code Template} and the request
 * parameters into SQL ({@link org.tinybirdmaven.template.RenderResult}) the way Tinybird's server does, in request or
 * test mode ({@link org.tinybirdmaven.template.RenderMode}), within the limits of
 * {@link org.tinybirdmaven.template.RenderOptions}; failures are
 * {@link org.tinybirdmaven.template.TemplateRenderException}s carrying Tinybird's message and HTTP status. Internally:
 * {@code Interpreter} walks the tree with Python's semantics ({@code PyRuntime}, {@code PyBuiltins},
 * {@code PyMethods}, {@code PyFormat}, {@code PyJson}, {@code PyStrptime}); {@code TinybirdFunctions} implements the
 * type functions and helpers; {@code SqlRendering} converts values to SQL text and documents why that text is safe;
 * {@code TinybirdVariables} reproduces the variable lists Tinybird computes before rendering (array pre-splitting,
 * the "Required parameter" message, test-mode placeholders).
 */
package org.tinybirdmaven.template;
