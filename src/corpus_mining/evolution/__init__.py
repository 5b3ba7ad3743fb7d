"""Discourse over time: rates with bootstrap intervals, trend tests and period specificities."""
