package dev.pmpulse.producer;

import java.time.Instant;

/** The scenario in force and the simulated instant from which it applies. */
public record ScenarioState(Scenario scenario, Instant since) {}
