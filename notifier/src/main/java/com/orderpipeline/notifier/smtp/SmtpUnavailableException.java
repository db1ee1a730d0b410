package com.orderpipeline.notifier.smtp;

/** The SMTP server cannot take any mail now: unreachable, closing (421), or refusing the login. */
public final class SmtpUnavailableException extends Exception {
    public SmtpUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
