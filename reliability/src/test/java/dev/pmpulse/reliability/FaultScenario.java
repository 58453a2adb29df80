package dev.pmpulse.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A broker fault scenario: it runs only with {@code -Dreliability.suite=true}. The scenarios take
 * minutes, and all three fail today on findings recorded in RELIABILITY.md, so the default build
 * leaves them out (reported as skipped, with the command).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfSystemProperty(
    named = "reliability.suite",
    matches = "true",
    disabledReason = "fault suite scenario: run with -Dreliability.suite=true (see RELIABILITY.md)")
@interface FaultScenario {}
