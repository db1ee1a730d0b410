package com.orderpipeline.embedded.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The service processes one test launched, as a JUnit extension: each is killed after the test, and when the
 * test fails the last lines of every one's log are printed, named. Register it on an instance field:
 * {@code @RegisterExtension final ServiceProcesses processes = new ServiceProcesses();}
 */
public final class ServiceProcesses implements AfterEachCallback, TestExecutionExceptionHandler {
    private final Map<String, ServiceProcess> launched = new LinkedHashMap<>();

    /** Launches {@code mainClass} as {@link ServiceProcess#launch} does, its log in {@code logDir/name.log}. */
    public ServiceProcess launch(String name, Class<?> mainClass, Map<String, String> environment, Path logDir) {
        ServiceProcess process = ServiceProcess.launch(mainClass, environment, logDir.resolve(name + ".log"));
        launched.put(name, process);
        return process;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        launched.forEach((name, process) -> System.out.println("---- last lines of the " + name + " process ----\n"
                + process.tail(60)));
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        launched.values().forEach(ServiceProcess::kill);
        launched.clear();
    }
}
