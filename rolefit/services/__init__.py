"""Use cases: plain functions over the knowledge base, the text analysis and the models."""
