def state = new File(basedir, 'target/tinybird/local.json')
if (state.exists()) {
    // A build that failed before local-stop must not leave the server running.
    def pid = new groovy.json.JsonSlurper().parse(state).pid as long
    ProcessHandle.of(pid).ifPresent { it.destroy() }
}

def log = new File(basedir, 'build.log').text
def builds = log.split(/Scanning for projects/).findAll { it.contains("BUILD") }
assert builds.size() == 4

// 1
['workspace-create', 'workspace-delete', 'workspace-list', 'workspace-current'].each {
    assert builds[0].contains("Skipping Tinybird ${it}: tinybird.skip is true")
}
assert !builds[0].contains('Using Tinybird')
assert builds[0].contains('BUILD SUCCESS')

// 2
assert builds[1].contains("serverId 'tinybird-missing' not found in settings.xml (servers: ")
assert builds[1].contains('BUILD FAILURE')

// 3
assert builds[2].contains('tinybird:workspace-list needs the network to reach https://api.tinybird.co, but Maven runs offline (-o)')
assert !builds[2].contains('Using Tinybird')
assert builds[2].contains('BUILD FAILURE')

// 4
assert builds[3] =~ /(?m)Tinybird_Local_Testing[\s|]+[0-9a-f-]{36}[\s|]+admin[\s|]+dev[\s|]+true/
assert builds[3].contains('Stopped the local Tinybird server')
assert builds[3].contains('BUILD SUCCESS')
