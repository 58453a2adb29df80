package dev.pmpulse.streams.reviewlatency;

import java.time.LocalDate;

/**
 * One PR's latency as the aggregator counted it into a team's day: kept for the days a correction
 * can still reach, so that a retraction rebuilds that day's figures without it (a quantile sketch
 * cannot take a value out).
 */
public record MeasuredReview(String team, LocalDate day, String pr, double businessSeconds, boolean withinTarget) {

  /** The store key: the team's day, then the PR ({@code streams|2026-11-23|acme/streams#7}). */
  static String key(String team, LocalDate day, String pr) {
    return prefix(team, day) + pr;
  }

  /** The keys of one team's day start with this (another team's may too; check the value). */
  static String prefix(String team, LocalDate day) {
    return team + "|" + day + "|";
  }
}
