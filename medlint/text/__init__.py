"""The language-tool layer: text processing that knows nothing of rules or configuration.

The literal prefilter for regular expressions (with its reader of regex syntax), inflection, syllables and readability formulas,
shingling and similarity, acronym detection, and the LanguageTool client. Imports only the
model layer.
"""
