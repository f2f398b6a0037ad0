"""E-mail reminders: each person's settings, the sources of what is due, the ledger that makes
sending idempotent, and the command that sends (never a scheduler in the web processes)."""
