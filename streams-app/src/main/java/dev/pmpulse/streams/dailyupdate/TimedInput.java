package dev.pmpulse.streams.dailyupdate;

import java.time.Instant;

/**
 * A {@link ReportInput} with its event time, held by {@link DailyUpdateProcessor} until its day is
 * written.
 */
public record TimedInput(Instant time, ReportInput input) {}
