package dev.pmpulse.producer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Named situations the workload can be switched into, at start ({@code --scenario}) or at run time
 * ({@code POST /scenarios/{name}}). A switch changes the generators' parameters from the simulated
 * instant the workload has reached; decisions already taken (a PR's planned reviews, an
 * escalation's planned resolution) stay as they were. One scenario is active at a time, and
 * switching to {@link #STEADY} undoes the others. The exact effects are the constants named in each
 * description, kept beside the generator they change. {@link Workload#switchScenario} turns a
 * scenario into the generators' knobs; the generators themselves know nothing of scenarios.
 */
public enum Scenario {
  STEADY("steady", "Normal operation: the rates and distributions the workload documents."),
  REVIEW_BACKLOG(
      "review-backlog",
      "Reviewers are away: every review of a PR opened from now on takes "
          + (int) PrWorkload.BACKLOG_REVIEW_DELAY_FACTOR + "x as much of the reviewer's working time."),
  BREAKING_CHANGE(
      "breaking-change",
      "The next " + PrWorkload.BREAKING_MERGES + " PRs merged by people each carry a breaking API change."),
  ESCALATION_STORM(
      "escalation-storm",
      "Escalations arrive " + (int) EscalationWorkload.STORM_RATE_FACTOR + "x as often, "
          + Math.round(EscalationWorkload.STORM_MIX.get(dev.pmpulse.events.EscalationEvent.Severity.P0) * 100)
          + "% of them P0, and take " + EscalationWorkload.STORM_RESOLUTION_FACTOR + "x as long to resolve."),
  BAD_DEPLOY(
      "bad-deploy",
      "A bad deploy on " + ClusterSamples.INCIDENT_CLUSTER + ": its publish latencies are x" + ClusterSamples.BAND_FACTOR
          + " for " + ClusterSamples.BAND_MINUTES + " simulated minutes, then x" + ClusterSamples.INCIDENT_FACTOR + "."),
  DUPLICATE_DELIVERY(
      "duplicate-delivery",
      "An upgrade on " + ClusterSamples.INCIDENT_CLUSTER + " duplicates about " + ClusterSamples.DUPLICATE_RATIO * 100
          + "% of its produced messages.");

  private final String label;
  private final String description;

  Scenario(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** The name used on the command line and in the URL, like {@code review-backlog}. */
  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  public static Optional<Scenario> byLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst();
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(Scenario::label).toList();
  }

  @Override
  public String toString() {
    return label;
  }
}
