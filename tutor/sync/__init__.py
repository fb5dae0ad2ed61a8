"""Sync client: outbox batches, transport, backoff, clones, USB bundles (docs/sync.md)."""
