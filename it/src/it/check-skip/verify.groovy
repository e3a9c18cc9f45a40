def log = new File(basedir, 'build.log').text
assert log.contains('Skipping Tinybird check: tinybird.skip is true')
assert !log.contains('FAIL  pipes/broken.pipe')
assert log.contains('BUILD SUCCESS')
