package dev.pmpulse.streams.report;

import java.time.Instant;

/**
 * A {@link ReportInput} with its event time, held by {@link DailyReportProcessor} until its day is
 * written.
 */
public record TimedInput(Instant time, ReportInput input) {}
