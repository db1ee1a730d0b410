package com.orderpipeline.notifier.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

    @Test
    void readsCredentialsPortAndStarttls() {
        SmtpSettings settings = SmtpSettings.parse("SMTP_URL", "smtp://mailer:p%40ss@mail.example.com:587?starttls=true");

        assertThat(settings.host()).isEqualTo("mail.example.com");
        assertThat(settings.port()).isEqualTo(587);
        assertThat(settings.user()).contains("mailer");
        assertThat(settings.password()).contains("p@ss");
        assertThat(settings.sessionProperties()).containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.auth", "true");
        assertThat(settings.toString()).doesNotContain("p@ss").contains("mailer:***@");
    }

    @Test
    void smtpsSpeaksTlsOnPort465ByDefault() {
        SmtpSettings settings = SmtpSettings.parse("SMTP_URL", "smtps://mail.example.com");

        assertThat(settings.protocol()).isEqualTo("smtps");
        assertThat(settings.port()).isEqualTo(465);
        assertThat(settings.user()).isEqualTo(Optional.empty());
        assertThat(settings.sessionProperties()).containsEntry("mail.smtps.host", "mail.example.com");
    }

    @Test
    void refusesAnotherSchemeNamingTheVariable() {
        assertThatThrownBy(() -> SmtpSettings.parse("SMTP_URL", "http://mail.example.com"))
                .hasMessageStartingWith("SMTP_URL must start with smtp:// or smtps://");
        assertThatThrownBy(() -> SmtpSettings.parse("SMTP_URL", "smtp://mail.example.com?tls=1"))
                .hasMessageContaining("unknown parameter 'tls'");
    }
}
