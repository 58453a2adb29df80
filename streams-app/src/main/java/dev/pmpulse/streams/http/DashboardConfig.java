package dev.pmpulse.streams.http;

import java.util.List;

/**
 * What the dashboard page needs besides the KPIs, served as {@code /api/config}.
 *
 * @param producerUrl the producer's control URL as a browser reaches it; null hides the scenario
 *     switch
 * @param scenarios the producer's scenario names, one button each
 */
public record DashboardConfig(String producerUrl, List<String> scenarios) {
  public DashboardConfig {
    scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
  }

  /**
   * The page's Content-Security-Policy: everything from this origin only, plus POSTs to the
   * producer's origin when the scenario switch is on.
   */
  public String contentSecurityPolicy() {
    String csp = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    if (producerUrl == null) {
      return csp;
    }
    java.net.URI u = java.net.URI.create(producerUrl);
    String origin = u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
    return csp + "; connect-src 'self' " + origin;
  }
}
