def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] FAIL  pipes/broken.pipe (2 errors)')
assert log.contains('pipes/broken.pipe:1:1: DESCRIPTON is not a valid option (did you mean DESCRIPTION?)')
assert log.contains("pipes/broken.pipe:5:1: TYPE materialized needs DATASOURCE <target datasource> in node 'n'")
assert log.contains('Tinybird datafiles have 2 errors:')
assert log.contains('BUILD FAILURE')
