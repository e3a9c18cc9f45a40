def log = new File(basedir, 'build.log').text
def started = (log =~ /Tinybird local server at (http:\/\/127\.0\.0\.1:\d+) \(pid (\d+), data in /)
assert started.find() : 'local-start did not report the server'
def pid = started.group(2) as long
assert log.contains('Reusing the running local server') : 'the second local-start must reuse the server'
assert log.contains('Stopped the local Tinybird server')
assert !new File(basedir, 'target/tinybird/local.json').exists() : 'local-stop removes the state file'
assert !ProcessHandle.of(pid).map { it.alive }.orElse(false) : "server process ${pid} is still running"
def serverLog = new File(basedir, 'target/tinybird/local/server.log').text
assert serverLog.contains('TINYBIRD_LOCAL_READY')
assert log.contains('BUILD SUCCESS')
