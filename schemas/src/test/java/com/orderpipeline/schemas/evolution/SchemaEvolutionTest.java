package com.orderpipeline.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import com.orderpipeline.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaEvolutionTest {
    private static final Path MODULE = Path.of(System.getProperty("schemas.dir", "."));
    private static final Path RELEASED = MODULE.resolve("released");
    private static final Path CURRENT = MODULE.resolve("src/main/avro");

    @Test
    void everySchemaIsCompatibleBothWaysWithItsLastRelease() throws IOException {
        Path release = SchemaEvolutionGuard.latestRelease(RELEASED).orElseThrow();

        List<String> problems = SchemaEvolutionGuard.breakingChanges(release, CURRENT, SchemaEvolutionGuard.levelFor(release));

        assertThat(SchemaEvolutionGuard.levelFor(release)).isEqualTo(CompatibilityLevel.FULL);
        assertThat(problems)
                .as("Schemas in %s must stay BACKWARD and FORWARD compatible with %s; add fields with defaults,"
                        + " and enum symbols only to enums with a default", CURRENT, release)
                .isEmpty();
    }

    @Test
    void v2IsBackwardCompatibleWithV1AndTheOneReleaseThatOldReadersCannotAlwaysRead() {
        Path v1 = RELEASED.resolve("v1");
        Path v2 = RELEASED.resolve("v2");

        assertThat(SchemaEvolutionGuard.breakingChanges(v1, v2, CompatibilityLevel.BACKWARD)).isEmpty();
        assertThat(SchemaEvolutionGuard.breakingChanges(v1, v2, CompatibilityLevel.FORWARD))
                .as("v1's enums have no default, so v1 readers cannot read v2's new symbols")
                .anySatisfy(problem -> assertThat(problem).contains("FulfillmentStatus").contains("CANCELLED"));
    }

    @Test
    void aNewEnumSymbolPassesForwardThanksToTheDefault(@TempDir Path work) throws IOException {
        Path candidate = copyOfCurrent(work);
        edit(candidate.resolve("FulfillmentStatus.avsc"), "\"CANCELLED\", \"UNKNOWN\"", "\"CANCELLED\", \"RETURNED\", \"UNKNOWN\"");

        assertThat(SchemaEvolutionGuard.breakingChanges(CURRENT, candidate, CompatibilityLevel.FULL)).isEmpty();
    }

    @Test
    void namesAFieldThatOldReadersNeedAndTheNewSchemaDropped(@TempDir Path work) throws IOException {
        Path candidate = copyOfCurrent(work);
        edit(candidate.resolve("WarehouseScan.avsc"), "    {\"name\": \"warehouseId\", \"type\": \"string\"},\n", "");

        List<String> problems = SchemaEvolutionGuard.breakingChanges(CURRENT, candidate, CompatibilityLevel.FULL);

        assertThat(problems).isNotEmpty()
                .anySatisfy(p -> assertThat(p).startsWith("com.orderpipeline.schemas.avro.WarehouseScan").contains("warehouseId"));
    }

    @Test
    void everyTopicValueTypeIsReleased() throws IOException {
        Path release = SchemaEvolutionGuard.latestRelease(RELEASED).orElseThrow();

        Map<String, Schema> released = SchemaEvolutionGuard.load(release);

        assertThat(released).containsKeys(
                "com.orderpipeline.schemas.avro.OrderPlaced",
                "com.orderpipeline.schemas.avro.WarehouseScan",
                "com.orderpipeline.schemas.avro.FulfillmentEvent",
                "com.orderpipeline.schemas.avro.ScanRejected",
                "com.orderpipeline.schemas.avro.OrderTracking");
    }

    @Test
    void namesTheTypeAndFieldOfARequiredFieldAddedWithoutDefault(@TempDir Path work) throws IOException {
        Path candidate = copyOfCurrent(work);
        edit(candidate.resolve("WarehouseScan.avsc"),
                "{\"name\": \"location\"",
                "{\"name\": \"dockDoor\", \"type\": \"string\"},\n    {\"name\": \"location\"");

        List<String> problems = SchemaEvolutionGuard.breakingChanges(CURRENT, candidate, CompatibilityLevel.BACKWARD);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0))
                .startsWith("com.orderpipeline.schemas.avro.WarehouseScan: READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("field 'dockDoor'");
        assertThat(problems.get(1))
                .as("ScanRejected embeds the scan, so it breaks too")
                .startsWith("com.orderpipeline.schemas.avro.ScanRejected: READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("field 'scan.dockDoor'");
    }

    @Test
    void namesTheNestedFieldWhoseTypeChanged(@TempDir Path work) throws IOException {
        Path candidate = copyOfCurrent(work);
        edit(candidate.resolve("OrderPlaced.avsc"),
                "{\"name\": \"quantity\", \"type\": \"int\"}",
                "{\"name\": \"quantity\", \"type\": \"string\"}");

        List<String> problems = SchemaEvolutionGuard.breakingChanges(CURRENT, candidate, CompatibilityLevel.BACKWARD);

        assertThat(problems).isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains("TYPE_MISMATCH").contains("items.quantity'"))
                .anySatisfy(p -> assertThat(p).contains("field 'items.quantity'"));
    }

    @Test
    void acceptsAnOptionalFieldWithADefault(@TempDir Path work) throws IOException {
        Path candidate = copyOfCurrent(work);
        edit(candidate.resolve("WarehouseScan.avsc"),
                "{\"name\": \"location\"",
                "{\"name\": \"dockDoor\", \"type\": [\"null\", \"string\"], \"default\": null},\n    {\"name\": \"location\"");

        assertThat(SchemaEvolutionGuard.breakingChanges(CURRENT, candidate, CompatibilityLevel.BACKWARD)).isEmpty();
    }

    @Test
    void reportsAReleasedTypeThatWasRemoved(@TempDir Path work) throws IOException {
        Path candidate = copyOfCurrent(work);
        Files.delete(candidate.resolve("OrderIdBlockClaim.avsc"));

        assertThat(SchemaEvolutionGuard.breakingChanges(CURRENT, candidate, CompatibilityLevel.BACKWARD))
                .singleElement().asString().contains("OrderIdBlockClaim").contains("is gone");
    }

    private static Path copyOfCurrent(Path work) throws IOException {
        Path copy = Files.createDirectories(work.resolve("candidate"));
        try (var files = Files.list(CURRENT)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private static void edit(Path file, String find, String replacement) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as("test fixture %s", file).contains(find);
        Files.writeString(file, text.replace(find, replacement));
    }
}
