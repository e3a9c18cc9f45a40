// Run by the it/ module's Invoker execution over examples/.
def log = new File(basedir, 'build.log').text
assert log.contains('Checked 6 datafiles: 6 valid, 0 with errors; 0 errors, 0 warnings')
assert log.contains('BUILD SUCCESS')
