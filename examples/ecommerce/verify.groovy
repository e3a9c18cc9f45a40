// Run by the it/ module's Invoker execution over examples/: the default "local" profile end to end.
def log = new File(basedir, 'build.log').text
assert log.contains('Checked 6 datafiles: 6 valid, 0 with errors; 0 errors, 0 warnings')
assert log.contains('Starting from empty workspaces')
assert log.contains("** 'daily_product_sales_mv' created")
assert log.contains("** => Test endpoint at ")
assert log.contains('**  OK')
assert log.contains('Data-quality tests: 2 passed, 0 failed, 0 errors')
assert log.contains('Fixture tests: 1 passed, 0 failed, 0 errors')
assert !log.contains('Tests with errors') && !log.contains('The data validation has failed')
assert new File(basedir, 'target/tinybird-reports').listFiles().any { it.name.endsWith('.xml') }
assert log.contains('Stopped the local Tinybird server')
assert log.contains('BUILD SUCCESS')
