package com.orderpipeline.notifier.mail;

import java.util.Arrays;
import java.util.Optional;

/**
 * The seven e-mails a customer gets, each with the name of its templates ({@code <name>.subject},
 * {@code <name>.txt}, {@code <name>.html}) and of its Message-ID's middle part.
 */
public enum MailKind {
    CONFIRMATION("confirmation"),
    SHIPPED("shipped"),
    OUT_FOR_DELIVERY("out-for-delivery"),
    DELIVERED("delivered"),
    CANCELLED("cancelled"),
    RETURN_AUTHORIZED("return-authorized"),
    REFUND_ISSUED("refund-issued");

    private final String templateName;

    MailKind(String templateName) {
        this.templateName = templateName;
    }

    public String templateName() {
        return templateName;
    }

    public static Optional<MailKind> fromTemplateName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.templateName.equals(name)).findFirst();
    }
}
