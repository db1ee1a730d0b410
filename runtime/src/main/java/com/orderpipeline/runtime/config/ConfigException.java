package com.orderpipeline.runtime.config;

/** A setting that is missing or wrong; the message names the variable and what it should be. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
