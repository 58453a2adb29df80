package dev.pmpulse.streams.webhooks;

import java.util.Map;

/**
 * How the streams app receives webhooks. Off unless a secret is given: an endpoint that anyone
 * could post unsigned events to would let anyone write the KPIs.
 *
 * @param host bind address; 127.0.0.1 unless told otherwise (expose it through a tunnel or a
 *     reverse proxy, docs/webhooks.md)
 * @param port 0 picks a free port
 * @param github the GitHub webhook's secret, or null: no {@code /webhooks/github}
 * @param pagerDuty the PagerDuty subscription's secret, or null: no {@code /webhooks/pagerduty}
 * @param breakingLabel the label that makes a merged PR a breaking API change
 * @param repositoryTeams repository ({@code owner/name}) to team, beside the naming convention
 */
public record WebhookSettings(
    String host,
    int port,
    WebhookSecret github,
    WebhookSecret pagerDuty,
    String breakingLabel,
    Map<String, String> repositoryTeams) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8090;
  public static final String DEFAULT_BREAKING_LABEL = "breaking-change";
  public static final WebhookSettings OFF =
      new WebhookSettings(DEFAULT_HOST, DEFAULT_PORT, null, null, DEFAULT_BREAKING_LABEL, Map.of());

  public WebhookSettings {
    repositoryTeams = Map.copyOf(repositoryTeams);
  }

  public boolean enabled() {
    return github != null || pagerDuty != null;
  }
}
