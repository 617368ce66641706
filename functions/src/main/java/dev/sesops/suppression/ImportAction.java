package dev.sesops.suppression;

/** What a suppression-list import job does with each record. */
public enum ImportAction {
  DELETE,
  PUT
}
