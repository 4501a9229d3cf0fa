"""Bolt listeners by kind: each acks at once, then calls plain functions in bot.commands."""
