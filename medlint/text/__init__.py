"""The language-tool layer: text processing that knows nothing of rules or configuration.

Literal prefilters for regular expressions, inflection, syllables and readability formulas,
shingling and similarity, acronym detection, and the LanguageTool client. Imports only the
model layer.
"""
