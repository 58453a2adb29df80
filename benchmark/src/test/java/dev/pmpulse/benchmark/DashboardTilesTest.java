package dev.pmpulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pmpulse.events.Json;
import org.junit.jupiter.api.Test;

class DashboardTilesTest {
  @Test
  void noViewsNoTile() throws Exception {
    assertThat(DashboardTiles.filled(views("{}"))).isEmpty();
  }

  @Test
  void everyTileFromTheFieldsThePageReads() throws Exception {
    JsonNode views = views("""
        {"review-latency": {"all": {"last7Days": {"count": 3, "meanSeconds": 5400}, "waitingOverTarget": 0}},
         "api-stability": {"2026-Q3": {"quarterStart": "2026-07-01", "total": {"breaking": 2}},
                           "2026-Q4": {"quarterStart": "2026-10-01", "total": {"breaking": 0}}},
         "escalation-resolution": {"P0": {"thisWeek": {"count": 0}, "thisQuarter": {"count": 2, "p50Seconds": 7200}, "openOverTarget": 1},
                                   "P1": {"thisWeek": {"count": 1, "p50Seconds": 3600}, "openOverTarget": 0}},
         "publish-latency": {"eu-1": {"p99Ms": 180.5, "sloMs": 250}},
         "delivery": {"eu-1": {"deliveryRatio": 0.9999, "burnRate1h": 0.4}}}
        """);
    assertThat(DashboardTiles.filled(views)).containsExactlyElementsOf(DashboardTiles.TILES.keySet());
    assertThat(DashboardTiles.TILES).hasSize(9);
  }

  @Test
  void aTileWaitsForWhatItsValueNeeds() throws Exception {
    JsonNode views = views("""
        {"review-latency": {"all": {"last7Days": {"count": 0}, "waitingOverTarget": 2}},
         "api-stability": {"2026-Q3": {"quarterStart": "2026-07-01", "total": {"breaking": 2}},
                           "2026-Q4": {"quarterStart": "2026-10-01"}},
         "escalation-resolution": {"P0": {"thisWeek": {"count": 0}, "thisQuarter": {"count": 0}, "openOverTarget": 1},
                                   "P1": {"thisWeek": {"count": 1, "p50Seconds": 3600}}},
         "publish-latency": {"eu-1": {"p99Ms": null, "sloMs": 250}},
         "delivery": {"eu-1": {"deliveryRatio": 0.9999}}}
        """);
    // No review in 7 days; the latest quarter has no total yet; P0 none resolved; P1 without an
    // open-over count; no closed minute of samples; no hour of delivery samples for the burn rate.
    assertThat(DashboardTiles.filled(views)).containsExactly("waiting", "p1-median", "delivery");
  }

  private static JsonNode views(String json) throws Exception {
    return Json.MAPPER.readTree(json);
  }
}
