package dev.pmpulse.events;

/**
 * A teams file that cannot be used, in one line naming the file, the team and the field: {@code
 * teams.yaml: team 'connect': workingHours: expected HH:MM-HH:MM like 09:00-17:00, was '9-5'}.
 */
public final class TeamsFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public TeamsFileException(String message) {
    super(message.replaceAll("\\s*[\\r\\n]+\\s*", " "));
  }
}
