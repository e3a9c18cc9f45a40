def state = new File(basedir, 'target/tinybird/local.json')
if (state.exists()) {
    ProcessHandle.of(new groovy.json.JsonSlurper().parse(state).pid as long).ifPresent { it.destroy() }
}
def log = new File(basedir, 'build.log').text

// 2: the fixture test fails with a readable diff (the rows in the other order)
assert log.contains('tests/top_products.test: failed - the output differs from tests/top_products.test.result'
        + ' (blank lines ignored)')
assert log.contains('--- tests/top_products.test.result')
assert log.contains('+++ actual output of tests/top_products.test')
assert log =~ /(?m)^\[ERROR\] -"p05","Canvas tote",7,87\.5$/
assert log =~ /(?m)^\[ERROR\] \+"p0\d",/
// the data-quality tests still pass: nothing in them depends on the order
assert log.contains('Data-quality tests: 2 passed, 0 failed, 0 errors, 0 skipped')
// the regression against main reports the changed endpoint, and only it
assert log.contains('top_products::coverage (defaults): FAIL - the results differ')
assert log.contains('--- main')
assert log.contains('Regression tests: 1 passed, 1 failed, 0 errors, 0 skipped')
assert log.contains('Fixture tests failed: tests/top_products.test; Regression tests failed: top_products coverage'
        + ' (defaults)')
assert log.count('BUILD FAILURE') == 1
def junit = new groovy.xml.XmlSlurper().parse(new File(basedir,
        'target/tinybird-reports/TEST-tinybird.fixture.fixture_tests.xml'))
assert junit.@failures == '1'
assert junit.testcase[0].failure.text().contains('-"p05","Canvas tote",7,87.5')

// 3: the Environment of the failed build is removed
def created = (log =~ /\*\* Environment '(tmp_ci_broken_\d+)' from 'Tinybird_Local_Testing' has been created/)
assert created.find()
assert log.contains("** Environment '" + created.group(1) + "' deleted")
assert !new File(basedir, 'target/tinybird/env.json').exists()
assert log.contains('Stopped the local Tinybird server')
