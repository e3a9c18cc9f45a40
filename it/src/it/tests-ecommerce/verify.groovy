import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

def state = new File(basedir, 'target/tinybird/local.json')
if (state.exists()) {
    // A build that failed before local-stop must not leave the server running.
    ProcessHandle.of(new groovy.json.JsonSlurper().parse(state).pid as long).ifPresent { it.destroy() }
}
def log = new File(basedir, 'build.log').text

// 1: ad-hoc queries, as tables; 3: as CSV
assert log =~ /(?m)^\[INFO\] \| p03\s+\| Rain jacket \|$/
assert log =~ /(?m)^\[INFO\] \| p05\s+\| Canvas tote\s+\|\s+7 \|\s+87\.5 \|$/
assert log =~ /(?m)^\[INFO\] \*\* Rows read: \d+$/
assert log =~ /(?m)^\[INFO\] "product_id","name"\n\[INFO\] "p03","Rain jacket"$/

// 2: the Environment, named after the CI run, with main's partitions copied
assert log.contains("** Environment 'tmp_ci_ecommerce_4242' from 'Tinybird_Local_Testing' has been created")
assert log =~ /(?m)Data Source[\s|]+Partition[\s|]+Status[\s|]+Error/
assert log =~ /(?m)events[\s|]+202403[\s|]+done/
assert log.contains("Working in Tinybird Environment 'tmp_ci_ecommerce_4242'")
def token = new File(basedir, 'target/env.token')
assert token.isFile() && token.text.length() > 20
assert !log.contains(token.text) : 'the Environment token must never be printed'
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(token.toPath())) == 'rw-------'

// the tests, run in the Environment: tables, totals, summaries
assert log =~ /(?m)\| tests\/default\.yaml \| no_negative_revenue\s+\| Pass\s+\|/
assert log =~ /(?m)\| tests\/default\.yaml \| top_products_have_purchases \| Pass\s+\|/
assert log.contains('Total Pass: 2')
assert log.contains('Data-quality tests: 2 passed, 0 failed, 0 errors, 0 skipped')
assert log =~ /(?m)\| tests\/top_products\.test \| OK\s+\|/
assert log.contains('Fixture tests: 1 passed, 0 failed, 0 errors, 0 skipped')
assert log =~ /(?m)\| top_products\s+\| coverage \(defaults\) \| PASS\s+\|/
assert log.contains('Regression tests: 2 passed, 0 failed, 0 errors, 0 skipped')

// JUnit XML for CI
def reports = new File(basedir, 'target/tinybird-reports')
def names = reports.list().sort()
assert names == ['TEST-tinybird.data-quality.tests_default.yaml.xml', 'TEST-tinybird.fixture.fixture_tests.xml',
                 'TEST-tinybird.regression.sales_by_category.xml', 'TEST-tinybird.regression.top_products.xml']
def fixtures = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-tinybird.fixture.fixture_tests.xml'))
assert fixtures.@tests == '1' && fixtures.@failures == '0' && fixtures.@errors == '0'
assert fixtures.testcase[0].@name == 'tests/top_products.test'

// 3 and 4: removed once, then nothing left to remove; the state file goes with it
assert log.count("** Environment 'tmp_ci_ecommerce_4242' deleted") == 1
assert log.contains("** Environment 'tmp_ci_ecommerce_4242' does not exist: nothing to delete")
assert !new File(basedir, 'target/tinybird/env.json').exists()
assert log.contains('Stopped the local Tinybird server')
assert !log.contains('BUILD FAILURE')
