package com.orderpipeline.notifier.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
    @TempDir
    Path dir;

    @Test
    void aShopsTemplateReplacesTheBuiltInOneAndTheOthersStay() throws IOException {
        Files.writeString(dir.resolve("shipped.subject"), "On its way: {{orderId}} with {{carrier}}");

        Templates templates = Templates.load(Optional.of(dir));

        assertThat(templates.of(MailKind.SHIPPED).subject().render(Map.of("orderId", "114-1", "carrier", "DHL")))
                .isEqualTo("On its way: 114-1 with DHL");
        assertThat(templates.of(MailKind.SHIPPED).text().source()).isEqualTo("built-in shipped.txt");
    }

    @Test
    void refusesATemplateNamingAPlaceholderItsMailDoesNotFill() throws IOException {
        Files.writeString(dir.resolve("confirmation.html"), "<p>{{orderId}} {{trackingNumber}}</p>");

        assertThatThrownBy(() -> Templates.load(Optional.of(dir)))
                .hasMessageContaining("confirmation.html names [trackingNumber]");
    }

    @Test
    void escapesEveryValueInHtmlButNotInText() {
        Map<String, String> values = Map.of("customerName", "<script>alert('x')</script> & \"Co\"\nLine 2");

        assertThat(new Template("t.html", "<p>{{customerName}}</p>", true).render(values))
                .isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;<br>Line 2</p>");
        assertThat(new Template("t.txt", "{{ customerName }}", false).render(values))
                .isEqualTo("<script>alert('x')</script> & \"Co\"\nLine 2");
    }

    @Test
    void everyBuiltInTemplateLoads() {
        Templates templates = Templates.builtIn();
        for (MailKind kind : MailKind.values()) {
            assertThat(templates.of(kind).html().placeholders()).contains("orderId", "trackingUrl");
        }
    }
}
