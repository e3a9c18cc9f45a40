def state = new File(basedir, 'target/tinybird/local.json')
if (state.exists()) {
    // A build that failed before local-stop must not leave the server running.
    def pid = new groovy.json.JsonSlurper().parse(state).pid as long
    ProcessHandle.of(pid).ifPresent { it.destroy() }
}

def log = new File(basedir, 'build.log').text

// 1
assert log.contains("Cannot decrypt the server 'tinybird-it' of settings.xml")

// 2: decrypted tokens, named by their source
assert log.contains("Using Tinybird token from settings.xml server 'tinybird-it' for http://127.0.0.1:")
assert log.contains("Using Tinybird user token from settings.xml server 'tinybird-it' <configuration><userToken> for http://127.0.0.1:")
assert log =~ /(?m)Tinybird_Local_Testing[\s|]+[0-9a-f-]{36}[\s|]+admin[\s|]+dev[\s|]+true/
assert log.contains("** Workspace 'encrypted_ws' has been created")

// 3: the environment wins
assert log.contains('Using Tinybird token from environment variable TB_TOKEN for http://127.0.0.1:')
assert log.contains('Using Tinybird user token from environment variable TB_USER_TOKEN for http://127.0.0.1:')
assert log =~ /(?m)encrypted_ws[\s|]+[0-9a-f-]{36}[\s|]+admin[\s|]+dev[\s|]+false/
assert log.contains('[DEBUG]') : 'builds 2 and 3 run with -X'

// No token, nor any piece of one, in the log: not the parameters -X prints, not HTTP headers, not local-start's
['p.sentinel-settings-password-6d1c', 'p.sentinel-user-token-41ab', 'sentinel-settings', 'sentinel-user'].each {
    assert !log.contains(it) : "the log contains ${it}"
}
assert log.contains('Stopped the local Tinybird server')
