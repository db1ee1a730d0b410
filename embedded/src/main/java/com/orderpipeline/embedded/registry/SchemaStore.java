package com.orderpipeline.embedded.registry;

import com.orderpipeline.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's model: subjects, their versions, global schema ids and compatibility levels, with the rules
 * Confluent Schema Registry applies to them. Every change is written to the {@link SchemaLog} first and then
 * applied, so the model is always what the log says; on start the log is replayed.
 *
 * <p>An id stays known while at least one version (live or soft-deleted) holds it; once every version holding
 * it is permanently deleted it is gone, and registering the same schema again gives it a new id. Ids are never
 * handed out twice.
 *
 * <p>All operations are synchronized: registry traffic is light and clients cache what it answers.
 */
final class SchemaStore {
    static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;
    /** The version number Confluent uses for {@code "latest"}. */
    static final int LATEST = -1;

    /** A version of a subject as stored. */
    record Version(String subject, int version, int id, boolean deleted) {
    }

    private final SchemaLog log;
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    /** How many stored versions (live or soft-deleted) hold each id. */
    private final Map<Integer, Integer> holders = new HashMap<>();
    private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new TreeMap<>();
    private CompatibilityLevel globalLevel = DEFAULT_LEVEL;
    private int maxId;

    SchemaStore(SchemaLog log) {
        this.log = log;
        log.replay(this::apply);
    }

    /** Registers a schema under a subject, or returns the id it already has there. */
    synchronized int register(String subject, String schemaText) {
        Schema parsed = parse(schemaText);
        String canonical = parsed.toString();
        List<Version> live = liveVersions(subject);
        for (int i = live.size() - 1; i >= 0; i--) {
            if (schemasById.get(live.get(i).id()).equals(canonical)) {
                return live.get(i).id();
            }
        }
        List<String> problems = ConfluentCompatibility.check(levelFor(subject), parsed, earlier(live));
        if (!problems.isEmpty()) {
            throw RegistryError.incompatible(subject, problems);
        }
        int id = idsBySchema.getOrDefault(canonical, maxId + 1);
        List<Version> all = versionsIncluding(subject, true);
        int version = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
        write(new SchemaLogRecord.SchemaVersion(subject, version, id, canonical, false));
        // Like Confluent: a soft-deleted earlier version with the same id is removed for good.
        all.stream().filter(v -> v.deleted() && v.id() == id)
                .forEach(v -> write(new SchemaLogRecord.SchemaVersion(subject, v.version(), v.id(), null, true)));
        return id;
    }

    /** The newest version of the subject holding the schema; soft-deleted ones count with {@code includeDeleted}. */
    synchronized Version lookup(String subject, String schemaText, boolean includeDeleted) {
        String canonical = parse(schemaText).toString();
        List<Version> candidates = versionsIncluding(subject, includeDeleted);
        if (candidates.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        for (int i = candidates.size() - 1; i >= 0; i--) {
            if (schemasById.get(candidates.get(i).id()).equals(canonical)) {
                return candidates.get(i);
            }
        }
        throw RegistryError.schemaNotFound();
    }

    synchronized String schemaById(int id) {
        String schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryError.schemaIdNotFound(id);
        }
        return schema;
    }

    /** The subject versions holding an id, by subject and version. */
    synchronized List<Version> versionsOfId(int id, boolean includeDeleted) {
        if (!schemasById.containsKey(id)) {
            throw RegistryError.schemaNotFound();
        }
        List<Version> found = new ArrayList<>();
        for (TreeMap<Integer, Version> versions : subjects.values()) {
            versions.values().stream().filter(v -> v.id() == id && (includeDeleted || !v.deleted())).forEach(found::add);
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

    /**
     * A version by number or {@code "latest"} (the newest live version, also with {@code includeDeleted}).
     * The version text is checked first (42202), then the subject (40401), then the version (40402).
     */
    synchronized Version version(String subject, String versionText, boolean includeDeleted) {
        int number = parseVersion(versionText);
        return find(subject, number, includeDeleted).orElseThrow(() -> versionsIncluding(subject, includeDeleted).isEmpty()
                ? RegistryError.subjectNotFound(subject)
                : RegistryError.versionNotFound(number));
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
            throw RegistryError.subjectSoftDeleted(subject);
        }
        live.forEach(v -> write(new SchemaLogRecord.SchemaVersion(subject, v.version(), v.id(), schemasById.get(v.id()), true)));
        clearSubjectLevelIfSet(subject);
        return live.stream().map(Version::version).toList();
    }

    synchronized int deleteVersion(String subject, String versionText, boolean permanent) {
        int number = parseVersion(versionText);
        Optional<Version> found = find(subject, number, true);
        if (!permanent && found.isPresent() && found.get().deleted()) {
            throw RegistryError.versionSoftDeleted(subject, versionText);
        }
        Version version = found.orElseThrow(() -> versionsIncluding(subject, true).isEmpty()
                ? RegistryError.subjectNotFound(subject)
                : RegistryError.versionNotFound(number));
        if (permanent) {
            if (!version.deleted()) {
                throw RegistryError.versionNotSoftDeleted(subject, version.version());
            }
            write(new SchemaLogRecord.SchemaVersion(subject, version.version(), version.id(), null, true));
        } else {
            write(new SchemaLogRecord.SchemaVersion(subject, version.version(), version.id(),
                    schemasById.get(version.id()), true));
            if (liveVersions(subject).isEmpty()) {
                clearSubjectLevelIfSet(subject);
            }
        }
        return version.version();
    }

    /**
     * Checks a candidate as {@code POST /compatibility/subjects/{subject}/versions/{version}} does: against that one
     * version ({@code "latest"} is the newest live one; a subject without versions accepts anything), or, with
     * {@code versionText == null}, against the subject's live versions as its level says, the same check
     * registering makes. An invalid candidate is a 42201, or with {@code verbose} an incompatibility whose message
     * says why.
     */
    synchronized List<String> checkCompatibility(String subject, String versionText, String schemaText, boolean verbose) {
        List<Version> against;
        if (versionText == null) {
            against = liveVersions(subject);
        } else {
            int number = parseVersion(versionText);
            Optional<Version> target = find(subject, number, false);
            if (target.isEmpty() && number != LATEST) {
                throw RegistryError.versionNotFound(number);
            }
            against = target.map(List::of).orElse(List.of());
        }
        Schema candidate;
        try {
            candidate = parse(schemaText);
        } catch (RegistryError e) {
            if (verbose) {
                return List.of(e.getMessage());
            }
            throw e;
        }
        return ConfluentCompatibility.check(levelFor(subject), candidate, earlier(against));
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

    /** Removes a subject's own level and returns it; 40401 when it has none, as Confluent answers. */
    synchronized CompatibilityLevel clearSubjectLevel(String subject) {
        CompatibilityLevel previous = subjectLevels.get(subject);
        if (previous == null) {
            throw RegistryError.subjectNotFound(subject);
        }
        write(new SchemaLogRecord.Config(subject, null));
        return previous;
    }

    /** Puts the global level back to the default and returns the one it had. */
    synchronized CompatibilityLevel clearGlobalLevel() {
        CompatibilityLevel previous = globalLevel;
        write(new SchemaLogRecord.Config(null, null));
        return previous;
    }

    private void clearSubjectLevelIfSet(String subject) {
        if (subjectLevels.containsKey(subject)) {
            write(new SchemaLogRecord.Config(subject, null));
        }
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
        Version replaced;
        if (v.schema() == null) {
            replaced = versions.remove(v.version());
        } else {
            replaced = versions.put(v.version(), new Version(v.subject(), v.version(), v.id(), v.deleted()));
            holders.merge(v.id(), 1, Integer::sum);
            schemasById.putIfAbsent(v.id(), v.schema());
            idsBySchema.putIfAbsent(v.schema(), v.id());
            maxId = Math.max(maxId, v.id());
        }
        if (replaced != null) {
            release(replaced.id());
        }
        if (versions.isEmpty()) {
            subjects.remove(v.subject());
        }
    }

    /** One version fewer holds the id; with none left the id and its schema are forgotten. */
    private void release(int id) {
        if (holders.merge(id, -1, Integer::sum) <= 0) {
            holders.remove(id);
            String schema = schemasById.remove(id);
            if (schema != null) {
                idsBySchema.remove(schema, id);
            }
        }
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

    /** A version by number, or the newest live one for {@link #LATEST}. */
    private Optional<Version> find(String subject, int number, boolean includeDeleted) {
        if (number == LATEST) {
            List<Version> live = liveVersions(subject);
            return live.isEmpty() ? Optional.empty() : Optional.of(live.get(live.size() - 1));
        }
        TreeMap<Integer, Version> versions = subjects.get(subject);
        return Optional.ofNullable(versions == null ? null : versions.get(number))
                .filter(v -> includeDeleted || !v.deleted());
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

    private List<ConfluentCompatibility.Earlier> earlier(List<Version> versions) {
        return versions.stream().map(v -> {
            String text = schemasById.get(v.id());
            return new ConfluentCompatibility.Earlier(v.version(), text, parse(text));
        }).toList();
    }

    /** Confluent's version id: {@code latest} (any case) or -1 for the newest, else a number from 1 up. */
    static int parseVersion(String text) {
        String trimmed = text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals("latest")) {
            return LATEST;
        }
        int number;
        try {
            number = Integer.parseInt(trimmed);
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(text);
        }
        if (number <= 0 && number != LATEST) {
            throw RegistryError.invalidVersion(String.valueOf(number));
        }
        return number;
    }

    /** The form a schema is stored and compared in: Avro's own normalised JSON of the parsed schema. */
    static String canonical(String schemaText) {
        return parse(schemaText).toString();
    }

    /**
     * Parses as Confluent's registry does by default: field defaults are not validated
     * ({@code avro.validate.defaults=false}).
     */
    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.emptySchema();
        }
        try {
            return new Schema.Parser().setValidateDefaults(false).parse(schemaText);
        } catch (RuntimeException e) { // SchemaParseException, AvroTypeException and the like
            throw RegistryError.invalidSchema(schemaText, e.getMessage());
        }
    }
}
