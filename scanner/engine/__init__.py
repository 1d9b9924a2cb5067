"""The analysis engine: the standard library's `ast` and `tokenize`, one parse and one pass per file.

`analyze_file` turns one file into a `FileResult` (observations, or a skip with its reason);
it never raises for a bad file.
"""

from scanner.engine.analyzer import analyze_file, analyze_source

__all__ = ["analyze_file", "analyze_source"]
