// Copies the example project's datafiles here, plus three variants: one pipe edited, one broken datafile, one
// materialized view whose populate fails (throwIf on the fixture rows).
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path example = basedir.toPath().resolve('../../../../examples/ecommerce').normalize()
def copy = { Path target ->
    ['datasources', 'endpoints', 'pipes', 'tests'].each { folder ->
        Files.walk(example.resolve(folder)).forEach { source ->
            Path to = target.resolve(example.relativize(source).toString())
            if (Files.isDirectory(source)) {
                Files.createDirectories(to)
            } else {
                Files.copy(source, to, StandardCopyOption.REPLACE_EXISTING)
            }
        }
    }
    target
}
Path base = basedir.toPath()
copy(base)

Path modified = copy(base.resolve('modified'))
Path pipe = modified.resolve('endpoints/sales_by_category.pipe')
Files.writeString(pipe, Files.readString(pipe).replace('round(sum(e.price), 2)', 'round(sum(e.price), 1)'))

Files.writeString(copy(base.resolve('broken')).resolve('pipes/broken.pipe'), 'NODE n\nSQL >\n    SELECT 1\nTYPE nonsense\n')

Files.writeString(copy(base.resolve('populate')).resolve('pipes/expensive.pipe'), '''NODE expensive
SQL >
    SELECT product_id, throwIf(price > 100, 'price above 100') AS flagged FROM events

TYPE materialized
DATASOURCE expensive_products
ENGINE "MergeTree"
ENGINE_SORTING_KEY "product_id"
''')
return true
