package com.orderpipeline.embedded.registry;

import com.orderpipeline.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's model: subjects, their versions, global schema ids and compatibility levels, with the rules
 * Confluent Schema Registry applies to them. Every change is written to the {@link SchemaLog} first and then
 * applied, so the model is always what the log says; on start the log is replayed.
 *
 * <p>All operations are synchronized: registry traffic is light and clients cache what it answers.
 */
final class SchemaStore {
    static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

    /** A version of a subject as stored. */
    record Version(String subject, int version, int id, boolean deleted) {
    }

    private final SchemaLog log;
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = DEFAULT_LEVEL;
    private int maxId;

    SchemaStore(SchemaLog log) {
        this.log = log;
        log.replay(this::apply);
    }

    synchronized int register(String subject, String schemaText) {
        String canonical = canonical(schemaText);
        List<Version> live = liveVersions(subject);
        for (Version version : live) {
            if (schemasById.get(version.id()).equals(canonical)) {
                return version.id();
            }
        }
        List<String> problems = levelFor(subject).check(parse(canonical), schemasOf(live));
        if (!problems.isEmpty()) {
            throw RegistryError.incompatible(subject, problems);
        }
        int id = idsBySchema.getOrDefault(canonical, maxId + 1);
        TreeMap<Integer, Version> all = subjects.get(subject);
        int version = all == null || all.isEmpty() ? 1 : all.lastKey() + 1;
        write(new SchemaLogRecord.SchemaVersion(subject, version, id, canonical, false));
        return id;
    }

    synchronized Version lookup(String subject, String schemaText) {
        String canonical = canonical(schemaText);
        List<Version> live = liveVersions(subject);
        if (live.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return live.stream()
                .filter(v -> schemasById.get(v.id()).equals(canonical))
                .findFirst()
                .orElseThrow(RegistryError::schemaNotFound);
    }

    synchronized String schemaById(int id) {
        String schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryError.schemaIdNotFound(id);
        }
        return schema;
    }

    synchronized List<Version> versionsOfId(int id) {
        schemaById(id);
        List<Version> found = new ArrayList<>();
        for (TreeMap<Integer, Version> versions : subjects.values()) {
            versions.values().stream().filter(v -> v.id() == id && !v.deleted()).forEach(found::add);
        }
        return found;
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(v -> includeDeleted || !v.deleted()))
                .map(Map.Entry::getKey)
                .toList();
    }

    synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        List<Integer> versions = versionsIncluding(subject, includeDeleted).stream().map(Version::version).toList();
        if (versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    /** A version by number or {@code "latest"}. */
    synchronized Version version(String subject, String version, boolean includeDeleted) {
        List<Version> candidates = versionsIncluding(subject, includeDeleted);
        if (candidates.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        if ("latest".equals(version) || "-1".equals(version)) {
            return candidates.get(candidates.size() - 1);
        }
        int number = parseVersion(version);
        return candidates.stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(subject, number));
    }

    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Version> all = versionsIncluding(subject, true);
        if (all.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        if (permanent) {
            if (all.stream().anyMatch(v -> !v.deleted())) {
                throw RegistryError.subjectNotSoftDeleted(subject);
            }
            all.forEach(v -> write(new SchemaLogRecord.SchemaVersion(subject, v.version(), v.id(), null, true)));
            return all.stream().map(Version::version).toList();
        }
        List<Version> live = all.stream().filter(v -> !v.deleted()).toList();
        if (live.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        live.forEach(v -> write(new SchemaLogRecord.SchemaVersion(subject, v.version(), v.id(), schemasById.get(v.id()), true)));
        return live.stream().map(Version::version).toList();
    }

    synchronized int deleteVersion(String subject, String versionText, boolean permanent) {
        Version version = version(subject, versionText, permanent);
        if (permanent) {
            if (!version.deleted()) {
                throw RegistryError.versionNotSoftDeleted(subject, version.version());
            }
            write(new SchemaLogRecord.SchemaVersion(subject, version.version(), version.id(), null, true));
        } else {
            write(new SchemaLogRecord.SchemaVersion(subject, version.version(), version.id(),
                    schemasById.get(version.id()), true));
        }
        return version.version();
    }

    /**
     * Checks a candidate against one version ({@code "latest"} or a number), or against all of the subject's
     * versions as its level says when {@code versionText} is null. A subject with no versions accepts anything.
     */
    synchronized List<String> checkCompatibility(String subject, String versionText, String schemaText) {
        Schema candidate = parse(canonical(schemaText));
        List<Version> live = liveVersions(subject);
        if (live.isEmpty()) {
            if (versionText != null && !"latest".equals(versionText)) {
                throw RegistryError.subjectNotFound(subject);
            }
            return List.of();
        }
        List<Version> against = versionText == null || "latest".equals(versionText)
                ? live : List.of(version(subject, versionText, false));
        return levelFor(subject).check(candidate, schemasOf(against));
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized void setLevel(String subjectOrNull, CompatibilityLevel level) {
        write(new SchemaLogRecord.Config(subjectOrNull, level));
    }

    synchronized CompatibilityLevel clearSubjectLevel(String subject) {
        CompatibilityLevel previous = subjectLevels.get(subject);
        if (previous == null) {
            throw RegistryError.subjectConfigNotFound(subject);
        }
        write(new SchemaLogRecord.Config(subject, null));
        return previous;
    }

    private void write(SchemaLogRecord record) {
        log.append(record);
        apply(record);
    }

    private void apply(SchemaLogRecord record) {
        if (record instanceof SchemaLogRecord.SchemaVersion version) {
            applyVersion(version);
        } else if (record instanceof SchemaLogRecord.Config config) {
            applyConfig(config);
        }
    }

    private void applyVersion(SchemaLogRecord.SchemaVersion v) {
        TreeMap<Integer, Version> versions = subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>());
        if (v.schema() == null) {
            versions.remove(v.version());
            if (versions.isEmpty()) {
                subjects.remove(v.subject());
            }
            return;
        }
        versions.put(v.version(), new Version(v.subject(), v.version(), v.id(), v.deleted()));
        schemasById.putIfAbsent(v.id(), v.schema());
        idsBySchema.putIfAbsent(v.schema(), v.id());
        maxId = Math.max(maxId, v.id());
    }

    private void applyConfig(SchemaLogRecord.Config c) {
        if (c.subject() == null) {
            globalLevel = c.level() == null ? DEFAULT_LEVEL : c.level();
        } else if (c.level() == null) {
            subjectLevels.remove(c.subject());
        } else {
            subjectLevels.put(c.subject(), c.level());
        }
    }

    private CompatibilityLevel levelFor(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private List<Version> liveVersions(String subject) {
        return versionsIncluding(subject, false);
    }

    private List<Version> versionsIncluding(String subject, boolean includeDeleted) {
        TreeMap<Integer, Version> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
    }

    private List<Schema> schemasOf(List<Version> versions) {
        return versions.stream().map(v -> parse(schemasById.get(v.id()))).toList();
    }

    private static int parseVersion(String text) {
        try {
            int number = Integer.parseInt(text);
            if (number < 1) {
                throw RegistryError.invalidVersion(text);
            }
            return number;
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(text);
        }
    }

    /** The form a schema is stored and compared in: Avro's own normalised JSON of the parsed schema. */
    static String canonical(String schemaText) {
        return parse(schemaText).toString();
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("the request has no schema");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }
}
