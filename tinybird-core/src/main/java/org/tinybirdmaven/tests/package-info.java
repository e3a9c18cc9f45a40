/**
 * The tests of a data project's {@code tests/} folder, run against a Tinybird workspace: data-quality tests
 * ({@code tests/**}{@code /*.yaml}, {@link org.tinybirdmaven.tests.DataQualityRunner}), fixture tests
 * ({@code tests/*.test} + {@code .test.result}, {@link org.tinybirdmaven.tests.FixtureRunner}) and regression tests
 * between two workspaces ({@code tests/regression.yaml}, {@link org.tinybirdmaven.tests.RegressionRunner}). Every
 * runner returns {@link org.tinybirdmaven.tests.TestSuiteResult}s, which {@link org.tinybirdmaven.tests.TestReport}
 * prints as tables and writes as JUnit XML.
 */
package org.tinybirdmaven.tests;
