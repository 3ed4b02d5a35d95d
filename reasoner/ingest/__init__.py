"""Reading a knowledge base: loaders per format, structure-following chunking, near-duplicate folding.

``loaders.load_file(path, source) -> Document`` picks a loader by suffix;
``chunking.chunk_document(doc, settings) -> list[DraftChunk]``;
``dedup.NearDuplicateFinder`` folds near-identical chunks (MinHash LSH).
"""
