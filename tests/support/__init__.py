"""Shared test infrastructure: fakes, loopback servers, factories and samples."""
