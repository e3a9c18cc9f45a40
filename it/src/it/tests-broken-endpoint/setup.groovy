// The example project with one endpoint changed: top_products sorted the wrong way round.
def source = new File(basedir, '../../../../examples/ecommerce').canonicalFile
def copy = new File(basedir, 'broken')
source.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    def relative = source.toPath().relativize(file.toPath()).toString()
    if (!relative.startsWith('target')) {
        def target = new File(copy, relative)
        target.parentFile.mkdirs()
        target.bytes = file.bytes
    }
}
def pipe = new File(copy, 'endpoints/top_products.pipe')
assert pipe.text.contains('ORDER BY purchases DESC')
pipe.text = pipe.text.replace('ORDER BY purchases DESC', 'ORDER BY purchases ASC')
return true
