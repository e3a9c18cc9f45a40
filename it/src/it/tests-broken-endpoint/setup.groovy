// The example project with one endpoint changed: top_products sorted the wrong way round.
def source = new File(basedir, '../../../../examples/ecommerce').canonicalFile
def copy = new File(basedir, 'broken')
new AntBuilder().copy(todir: copy) { fileset(dir: source) { exclude(name: 'target/**') } }
def pipe = new File(copy, 'endpoints/top_products.pipe')
def text = pipe.text
assert text.contains('ORDER BY purchases DESC')
pipe.text = text.replace('ORDER BY purchases DESC', 'ORDER BY purchases ASC')
