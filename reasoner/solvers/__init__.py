"""The routes that answer: math (SymPy), graph (networkx), rag (retrieval + LLM)."""
