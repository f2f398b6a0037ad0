"""Backup and restore of an organisation subtree as one versioned JSON file: format.py (the
version, the schema and the value rules), dump.py (export), restore.py (import, all or
nothing), cli.py (`export-org`, `import-org`), views.py (download and restore pages)."""
