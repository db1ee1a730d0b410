package com.orderpipeline.schemas.evolution;

import com.orderpipeline.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;

/**
 * Compares the working schemas with the last released copy of them and lists every change that is not
 * compatible, naming the type and the field at fault. Up to v1 the check was BACKWARD only (today's schemas read
 * yesterday's data); from v2 on, when every enum got its default, it is FULL: yesterday's readers must also read
 * today's data.
 */
final class SchemaEvolutionGuard {
    private SchemaEvolutionGuard() {
    }

    /** The highest-numbered {@code vN} folder under the released folder, if any. */
    static Optional<Path> latestRelease(Path releasedDir) throws IOException {
        try (Stream<Path> dirs = Files.list(releasedDir)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().matches("v\\d+"))
                    .max(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString().substring(1))));
        }
    }

    /** The check a release is held to: BACKWARD for v1, FULL (BACKWARD and FORWARD) from v2 on. */
    static CompatibilityLevel levelFor(Path release) {
        int version = Integer.parseInt(release.getFileName().toString().substring(1));
        return version >= 2 ? CompatibilityLevel.FULL : CompatibilityLevel.BACKWARD;
    }

    /** One line per incompatibility at {@code level}; empty when every released type passes. */
    static List<String> breakingChanges(Path releasedDir, Path currentDir, CompatibilityLevel level) {
        Map<String, Schema> released = load(releasedDir);
        Map<String, Schema> current = load(currentDir);
        List<String> problems = new ArrayList<>();
        released.forEach((name, old) -> {
            Schema now = current.get(name);
            if (now == null) {
                problems.add(name + " was released in " + releasedDir.getFileName() + " and is gone from " + currentDir);
                return;
            }
            level.check(now, List.of(old))
                    .forEach(problem -> problems.add(name + ": " + problem));
        });
        return problems;
    }

    /**
     * Parses every {@code .avsc} file of a folder. Files may refer to types defined in others, so files whose
     * types are not known yet are retried until no more progress is made.
     */
    static Map<String, Schema> load(Path dir) {
        List<Path> pending;
        try (Stream<Path> files = Files.list(dir)) {
            pending = new ArrayList<>(files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list schemas in " + dir, e);
        }
        Map<String, Schema> byName = new LinkedHashMap<>();
        Map<String, Schema> known = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            List<Path> stillPending = new ArrayList<>();
            AvroRuntimeException lastFailure = null;
            for (Path file : pending) {
                Schema.Parser parser = new Schema.Parser();
                parser.addTypes(known.values());
                try {
                    Schema schema = parser.parse(Files.readString(file));
                    byName.put(schema.getFullName(), schema);
                    known.putAll(parser.getTypes());
                } catch (AvroRuntimeException e) {
                    stillPending.add(file);
                    lastFailure = e;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + file, e);
                }
            }
            if (stillPending.size() == pending.size()) {
                throw new IllegalStateException("Cannot parse " + stillPending + ": " + lastFailure.getMessage(), lastFailure);
            }
            pending = stillPending;
        }
        return byName;
    }
}
