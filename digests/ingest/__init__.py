"""Ingest: fetch feeds, pages and files politely and turn them into stored stories."""
