"""Embedders, vector and lexical indexes, hybrid search over the knowledge base."""
