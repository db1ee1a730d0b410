package com.orderpipeline.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orderpipeline.runtime.http.access.Access;
import com.orderpipeline.runtime.http.access.ApiTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevKeysTest {
    @TempDir
    Path dataDir;

    @Test
    void makesOneTokenPerRoleOnFirstStartReadableOnlyByItsOwnerAndKeepsThem() throws Exception {
        DevKeys.ApiTokenPair made = DevKeys.apiTokens(dataDir);
        Path file = dataDir.resolve("api-tokens");

        assertThat(Files.readAllLines(file)).containsExactly("shop=" + made.shop(), "support=" + made.support());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(made.shop()).hasSizeGreaterThanOrEqualTo(ApiTokens.MIN_LENGTH).isNotEqualTo(made.support());
        ApiTokens tokens = ApiTokens.parse("API_TOKENS", made.asVariable());
        assertThat(tokens.find(made.shop())).get().extracting(caller -> caller.role()).isEqualTo(Access.SHOP);
        assertThat(tokens.find(made.support())).get().extracting(caller -> caller.role()).isEqualTo(Access.SUPPORT);

        assertThat(DevKeys.apiTokens(dataDir)).isEqualTo(made);
    }

    @Test
    void refusesATokensFileWithoutBothRolesAndSaysHowToRecover() throws Exception {
        Files.writeString(dataDir.resolve("api-tokens"), "shop=" + "s".repeat(43) + "\n");
        assertThatThrownBy(() -> DevKeys.apiTokens(dataDir))
                .hasMessageContaining("must have a line shop=<token> and a line support=<token>")
                .hasMessageContaining("delete it");
    }
}
