"""The words of FCT's assertion shapes, shared by the terminology facts (``facts.py``) and the
medicines KB claims (``kb_claims.py``): one vocabulary for "X is a Y" however it is matched.

- ``COPULA``: the verbs that assert a class ("is", "acts as", "is classified as");
- ``ART`` and ``MODS``: the article and the closed list of modifiers that may stand before the
  class ("one of the", "the brain's main"), so a longer noun phrase is not read as a claim;
- ``CONNECTOR`` and ``LIST_INTRO``: the words between a class and a member named after it;
- ``NEGATED``, ``DISCUSSED``, ``CONTRAST``: negation, a sentence about the mistake, and a
  contrast before a list ("unlike SSRIs such as…"), which make a match no claim.
"""

from __future__ import annotations

import re

#: Words that may stand between the article and the class ("the brain's main excitatory …").
MODS = (
    r"(?:main|primary|principal|chief|major|key|important|powerful|potent|natural|naturally[- ]occurring|chemical|"
    r"brain['’]?s|body['’]?s|most|common|commonly[- ]used|well[- ]known|known|new|novel|different|unique|"
    r"fast[- ]acting|rapid[- ]acting|oral|nasal|injectable|crucial|critical|vital|essential|similar|atypical|"
    r"typical|so[- ]called|excitatory|inhibitory|mood[- ]regulating|feel[- ]good|specific|particular|special|"
    r"certain|modern|traditional|standard|first[- ]line|kind\s+of|type\s+of|form\s+of|class\s+of|sort\s+of|"
    r"legal|prescription|generic|synthetic|inhaled|intranasal|ketamine[- ]based|serious|severe|debilitating|chronic|mental|psychiatric)"
)
ART = r"(?P<art>an?|the|another|one\s+of\s+the|one\s+of|an?\s+(?:type|kind|form|class|sort)\s+of|an?\s+example\s+of)"
ART_PROPER = r"(?P<art>an?|the)"
MODS_PROPER = r"(?:new|nasal|oral|intranasal|inhaled|injectable|prescription|generic|synthetic|legal)"
COPULA = (
    r"(?:is|was|are|were|acts?\s+as|works?\s+as|functions?\s+as|serves?\s+as|is\s+considered|are\s+considered|"
    r"is\s+classified\s+as|is\s+known\s+as|is\s+called|remains|became|becomes|is\s+also|was\s+also|"
    r"is\s+actually|is\s+essentially|is\s+basically|is\s+simply|is\s+just|is\s+really)"
)
CONNECTOR = (
    r"(?:(?:called|named|known\s+as|termed)\s+|(?:nasal\s+spray|spray|brand|product|drug|medication|medicine|"
    r"treatment|(?:neuro)?transmitters?|chemical\s+messengers?|amino\s+acids?)\s+)"
)
LIST_INTRO = r"(?:such\s+as|like|including|e\.g\.,?|for\s+example,?|for\s+instance,?|especially|particularly)"
NEGATED = re.compile(r"\b(?:not|never|no)\b|n['’]t\b", re.I)
DISCUSSED = re.compile(r"\b(?:mistaken(?:ly)?|misnomer|wrongly|incorrectly|erroneously|myths?|misconceptions?|misleadingly|rather\s+than|instead\s+of)\b", re.I)
CONTRAST = re.compile(r"(?:\bunlike|\bcompared\s+(?:with|to)|\bthan|\bversus|\bvs\.?|\brather\s+than|\binstead\s+of|\bnot|n['’]t|\bother\s+than|\bbesides|\bbeyond|\bbut)\W*(?:\w+\W+){0,3}$", re.I)
LIST_ITEM = re.compile(r"^[\w’'/\- ]{1,40}$")
