def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] FAIL  pipes/broken.pipe (2 errors)')
assert log.contains("pipes/broken.pipe:4:1: TYPE materialized needs DATASOURCE <target datasource> in node 'n'")
assert log.contains('pipes/broken.pipe:9:1: TYPO is not a valid option (did you mean TYPE?)')
assert log.contains('Tinybird datafiles have 2 errors:')
assert log.contains('BUILD FAILURE')
