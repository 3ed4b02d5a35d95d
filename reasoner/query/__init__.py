"""Rewriting a question before it is routed: follow-ups resolved against the conversation,
polite wrappers stripped, composite questions split into lookups and arithmetic."""
