"""Case work on hand-offs: coordinators claim, resolve and answer; the outbox announces it."""
