package com.orderpipeline.runtime.http;

/** One bad field of a request: where it is (a JSON path such as {@code items[0].quantity}) and what is wrong. */
public record FieldError(String field, String message) {
}
