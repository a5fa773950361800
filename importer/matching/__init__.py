"""Matching code to live to state: every resource ends in exactly one class."""
