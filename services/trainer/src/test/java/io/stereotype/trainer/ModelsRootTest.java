package io.stereotype.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsRootTest {

    @Test
    void defaultsToModelsBesideTheFolderOfRetrainFolders() {
        // the retrain flow's default work URI, and the launcher's local layout
        assertEquals(URI.create("s3://stereotype/models"),
                ModelsRoot.of(null, URI.create("s3://stereotype/work/exec-1/bundle")).uri());
        assertEquals(Path.of("/runs/models"),
                Path.of(ModelsRoot.of(null, URI.create("file:///runs/work/exec-1/bundle/")).uri()));
        // not above the bucket
        assertEquals(URI.create("s3://b/models"), ModelsRoot.of(null, URI.create("s3://b/r1/bundle")).uri());
        assertEquals(URI.create("file:///elsewhere"), ModelsRoot.of(URI.create("file:///elsewhere"), URI.create("s3://b/x/y/z")).uri());
    }

    @Test
    void aVersionFolderIsNamedByModelAndContentHashWithoutTrailingSlash(@TempDir Path dir) throws Exception {
        ModelsRoot root = new ModelsRoot(dir.toUri());
        Files.createDirectories(dir.resolve("bottles/abc"));
        assertEquals(dir.toUri() + "bottles/abc", root.versionFolder("bottles", "abc").toString());
        assertEquals(URI.create("s3://b/models/my%20model/abc"),
                new ModelsRoot(URI.create("s3://b/models")).versionFolder("my model", "abc"));
    }

    @Test
    void aModelNameThatIsNoFolderNameIsAUsageError() {
        ModelsRoot root = new ModelsRoot(URI.create("s3://b/models"));
        for (String name : new String[] {"a/b", "..", "a\\b", " "}) {
            ExitCodes.UsageException e = assertThrows(ExitCodes.UsageException.class, () -> root.versionFolder(name, "abc"));
            assertTrue(e.getMessage().contains("s3://b/models"), e.getMessage());
        }
    }

    @Test
    void aLocalRootIsAUsageErrorNamingIt(@TempDir Path dir) {
        // MLflow accepts no local path as a version's source
        ModelsRoot root = new ModelsRoot(dir.resolve("models").toUri());
        ExitCodes.UsageException e = assertThrows(ExitCodes.UsageException.class, () -> root.requireUsableFor("m"));
        assertTrue(e.getMessage().startsWith("models root " + dir.resolve("models").toUri() + " is a local folder"), e.getMessage());
        new ModelsRoot(URI.create("s3://b/models")).requireUsableFor("m");
    }
}
