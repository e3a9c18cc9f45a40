def log = new File(basedir, 'build.log').text
def svg = new File(basedir, 'target/tinybird/graph.svg')
def mermaid = new File(basedir, 'target/tinybird/graph.mmd')
assert log.contains('Wrote ' + svg.canonicalPath) || log.contains('Wrote ' + svg.path)
assert log.contains('BUILD SUCCESS')
assert new groovy.xml.XmlSlurper().parse(svg).name() == 'svg'
assert svg.text.contains('>clicks_per_day_mv</text>')
assert mermaid.text.contains('==>|materializes|')
