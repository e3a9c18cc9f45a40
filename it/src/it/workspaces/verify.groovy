import java.nio.file.Files
import java.nio.file.attribute.PosixFilePermissions

def state = new File(basedir, 'target/tinybird/local.json')
if (state.exists()) {
    // A build that failed before local-stop must not leave the server running.
    def pid = new groovy.json.JsonSlurper().parse(state).pid as long
    ProcessHandle.of(pid).ifPresent { it.destroy() }
}

def log = new File(basedir, 'build.log').text
def count = { String text -> log.count(text) }

// 1: created, listed, current; the token source is named, never the token
assert log.contains("** Workspace 'it_created' has been created")
assert log =~ /Using Tinybird user token from -?.*the local server \(.*local\.json\) for http:\/\/127\.0\.0\.1:\d+/
// The goals after workspace-create read the new workspace's token from tinybird.tokenFile: it is the current one.
assert log =~ /(?m)it_created[\s|]+[0-9a-f-]{36}[\s|]+admin[\s|]+dev[\s|]+true/
assert log =~ /(?m)Tinybird_Local_Testing[\s|]+[0-9a-f-]{36}[\s|]+admin[\s|]+dev[\s|]+true/
assert log.contains('** Current workspace:')

def tokenFile = new File(basedir, 'target/it_created.token')
assert tokenFile.isFile()
def token = tokenFile.text
assert token.length() > 20
assert !log.contains(token) : 'the new workspace token must never be printed'
assert PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile.toPath())) == 'rw-------'

// 2 and 3: reuse, then failIfExists
assert log.contains("** Workspace 'it_created' already exists, reusing it")
assert log.contains("Workspace 'it_created' already exists and tinybird.failIfExists is true")

// 4: a wrong token
assert log.contains('Using Tinybird token from -Dtinybird.token for http://127.0.0.1:')
assert log.contains('invalid authentication token')
assert log.contains('Perhaps you should check the token from -Dtinybird.token')

// 5: no confirmation
assert log.contains("To confirm, run again with -Dtinybird.confirm=it_created")

// 6: deleted once, the second delete only warns, the list no longer has it
assert count("** Workspace 'it_created' deleted") == 1
assert log.contains("Workspace 'it_created' does not exist (or the user token cannot see it): nothing to delete")
assert log.contains('Stopped the local Tinybird server')
assert count('BUILD FAILURE') == 3
