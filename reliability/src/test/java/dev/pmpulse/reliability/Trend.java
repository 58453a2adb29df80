package dev.pmpulse.reliability;

import java.util.List;

/**
 * The least-squares line through samples (x, y): {@code y = intercept + slope * x}. The load
 * scenario judges heap and lag by the slope over a window, never by single samples.
 */
record Trend(double slope, double intercept, double meanY, int n, double slopeStandardError) {
  record Point(double x, double y) {}

  static Trend fit(List<Point> points) {
    int n = points.size();
    if (n < 2) {
      throw new IllegalArgumentException("a trend needs at least 2 samples, got " + n);
    }
    double meanX = points.stream().mapToDouble(Point::x).average().orElseThrow();
    double meanY = points.stream().mapToDouble(Point::y).average().orElseThrow();
    double sxx = 0;
    double sxy = 0;
    for (Point p : points) {
      sxx += (p.x() - meanX) * (p.x() - meanX);
      sxy += (p.x() - meanX) * (p.y() - meanY);
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("all samples at the same x");
    }
    double slope = sxy / sxx;
    double intercept = meanY - slope * meanX;
    double residuals = 0;
    for (Point p : points) {
      double r = p.y() - (intercept + slope * p.x());
      residuals += r * r;
    }
    double standardError = n > 2 ? Math.sqrt(residuals / (n - 2) / sxx) : Double.POSITIVE_INFINITY;
    return new Trend(slope, intercept, meanY, n, standardError);
  }

  /**
   * Whether the line rises by more than {@code material} from {@code fromX} to {@code toX} and that
   * rise is more than three standard errors: a growth trend, not noise around a level.
   */
  boolean grows(double fromX, double toX, double material) {
    double rise = growth(fromX, toX);
    return rise > material && slope > 3 * slopeStandardError;
  }

  /** How much the line rises from {@code fromX} to {@code toX}. */
  double growth(double fromX, double toX) {
    return slope * (toX - fromX);
  }
}
