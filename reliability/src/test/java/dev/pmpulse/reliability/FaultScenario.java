package dev.pmpulse.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker fault scenario. Each takes minutes (the load scenario five by definition), so a
 * developer's {@code mvn verify} leaves them out (reported as skipped, with the command) unless
 * {@code -Dreliability.suite=true}; CI ({@code CI=true}) always runs them.
 * {@code -Dreliability.suite=false} leaves them out in CI too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FaultScenario.Condition.class)
@interface FaultScenario {
  /** Enabled by {@code -Dreliability.suite=true}, or by {@code CI=true} unless the property says false. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return enabled(System.getProperty("reliability.suite"), System.getenv("CI"))
          ? ConditionEvaluationResult.enabled("fault suite requested")
          : ConditionEvaluationResult.disabled(
              "fault suite scenario, minutes long: run with -Dreliability.suite=true (CI=true runs it; see RELIABILITY.md)");
    }

    static boolean enabled(String suiteProperty, String ciVariable) {
      if (suiteProperty != null && !suiteProperty.isBlank()) {
        return Boolean.parseBoolean(suiteProperty.trim());
      }
      return "true".equalsIgnoreCase(ciVariable == null ? null : ciVariable.trim());
    }
  }
}
