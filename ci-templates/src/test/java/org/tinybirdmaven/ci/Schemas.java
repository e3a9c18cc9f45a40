package org.tinybirdmaven.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The vendored GitHub workflow and GitLab CI schemas (see {@code schemas/NOTICE.md}). */
enum Schemas {
    GITHUB_WORKFLOW("schemas/github-workflow.json"),
    GITLAB_CI("schemas/gitlab-ci.json");

    private final JsonSchema schema;

    Schemas(String resource) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The violations, one line each ({@code $.jobs.ci: required property 'runs-on' not found}). */
    List<String> violations(JsonNode document) {
        return schema.validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
