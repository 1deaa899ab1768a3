"""The model layer: what an article is and what a finding is.

Text and its positions (spans, line index), the Document (front matter, prose masking, blocks,
sentences, dates), the Diagnostic a check returns, and the declaration of a rule and a check.
It imports nothing else from medlint.
"""
