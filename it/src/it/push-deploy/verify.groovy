import groovy.json.JsonSlurper

def json = new JsonSlurper()
def state = json.parse(new File(basedir, 'target/tinybird/local.json'))
def stagingToken = new File(basedir, 'target/staging_acme.token').text.trim()
def proToken = new File(basedir, 'target/pro_acme.token').text.trim()

def get = { String path, String token ->
    def connection = new URL(state.url + path).openConnection()
    connection.setRequestProperty('Authorization', 'Bearer ' + token)
    assert connection.responseCode == 200 : "${path}: ${connection.responseCode} ${connection.errorStream?.text}"
    connection.inputStream.getText('UTF-8')
}
def count = { String table, String token ->
    json.parseText(get('/v0/sql?q=' + URLEncoder.encode("SELECT count() AS c FROM ${table} FORMAT JSON", 'UTF-8'),
            token)).data[0].c as long
}
def nonBlank = { String text -> text.readLines().findAll { !it.trim().isEmpty() } }

try {
    // The data, queried before the server is stopped: staging answers the project's fixture test exactly (blank
    // lines ignored, as diff -B does), production has the resources but no rows.
    def csv = get('/v0/pipes/top_products.csv?date_start=2024-03-01&date_end=2024-03-03&limit=3', stagingToken)
    assert nonBlank(csv) == nonBlank(new File(basedir, 'tests/top_products.test.result').text)
    assert count('events', stagingToken) == 240
    assert count('events', proToken) == 0
    assert count('products', proToken) == 0
    assert count('daily_product_sales', proToken) == 0
    assert get('/v0/pipes/top_products.pipe', proToken).contains('NODE endpoint')
} finally {
    // local-stop's job: the server must not outlive the build.
    ProcessHandle.of(state.pid as long).ifPresent { server ->
        server.destroy()
        server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS)
    }
}

def log = new File(basedir, 'build.log').text
// With a message, a failed assert does not print the whole log.
def has = { String text -> assert log.contains(text) : "build.log lacks: ${text}" }
def matches = { pattern -> assert (log =~ pattern).find() : "build.log does not match: ${pattern}" }
def result = { String dir -> json.parse(new File(basedir, "target/${dir}/push-result.json")) }
def outcomes = { String dir -> result(dir).resources.collectEntries { [it.name, it.outcome] } }

// 1-2: created with the user token; each profile's token comes from its file and is never printed
has("** Workspace 'staging_acme' has been created")
has("** Workspace 'pro_acme' has been created")
matches(/Using Tinybird token from token file \S+staging_acme\.token \(POM property tinybird\.tokenFile\)/)
matches(/Using Tinybird token from token file \S+pro_acme\.token \(POM property tinybird\.tokenFile\)/)
assert !log.contains(stagingToken) && !log.contains(proToken) : 'a workspace token was printed'

// 3-4: everything created in both; fixtures into staging only
assert outcomes('push-staging').values().toSet() == ['created'] as Set
assert outcomes('push-staging').keySet() == ['daily_product_sales', 'events', 'products', 'daily_product_sales_mv',
                                             'sales_by_category', 'top_products'] as Set
assert result('push-staging').fixtures.findAll { it.file }.collect { it.datasource } == ['events', 'products']
assert outcomes('push-production').values().toSet() == ['created'] as Set
assert result('push-production').fixtures.isEmpty()
has("** Materialized pipe 'daily_product_sales_mv' using the Data Source 'daily_product_sales'")
matches(/\*\* => Test endpoint at http:\/\/127\.0\.0\.1:\d+\/v0\/pipes\/top_products\.json/)
has('** Checking datasources/fixtures/events.csv (appending 8.6 Kb)')

// 5: the second push changes nothing
assert outcomes('push-noop').values().toSet() == ['unchanged'] as Set
has("** 'top_products' has not changed, skipping")

// 6-8: diff
has('** No differences between the project and the workspace')
has('--- sales_by_category [remote]')
has('+++ endpoints/sales_by_category.pipe [local]')
assert log.count('[INFO] changed: ') == 2 && log.count('[INFO] changed: sales_by_category') == 2 : 'changed lines'
has("differs from workspace 'staging_acme' (tinybird.failOnDiff): changed: sales_by_category")

// 9: force overrides the edited pipe only
def forced = outcomes('push-force')
assert forced.findAll { it.value != 'unchanged' } == [sales_by_category: 'overridden']

// 10: a broken datafile: nothing sent
has('The project has errors; nothing was pushed')
has('pipes/broken.pipe:4')

// 11: the failed populate job, named with its error
matches(/populate job \S+ of pipe 'expensive' failed: .*price above 100/)
assert outcomes('push-populate') == [expensive: 'failed']

// 12: fixtures are refused for datasources with rows
has("Data Source 'events' already has 240 rows")

assert log.count('BUILD FAILURE') == 4 : 'four builds fail'
