package com.orderpipeline.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro refuses to instantiate classes outside its trusted packages unless a JVM flag says otherwise. The
 * project's generated classes are trusted here, once, so no user of the serde ever needs that flag. The serdes
 * do it when they are made; code that deep-copies generated records (their {@code newBuilder(other)}) before any
 * serde exists calls it itself.
 */
public final class TrustedPackages {
    static final String PROJECT_PACKAGE = "com.orderpipeline.";
    private static boolean installed;

    private TrustedPackages() {
    }

    public static synchronized void trustProjectPackages() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                type -> type.getName().startsWith(PROJECT_PACKAGE)));
        installed = true;
    }
}
