package dev.sesops.events;

/** Counters or scopes could not be read or written. */
class EventsException extends RuntimeException {
  public EventsException(String message, Throwable cause) {
    super(message, cause);
  }
}
