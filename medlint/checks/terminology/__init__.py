"""FCT: factual terminology — a term, medicine or device put in the wrong class or role, a brand
given the wrong drug or maker, a mechanism or technology misdescribed, a wrong form of a name, a
prevalence figure far from the official one.

Two sources of facts, one set of assertion shapes ("X is a Y", "X, a Y,", "the Y X", "Ys such
as X", "X and other Ys"):

- the terminology facts (``rules/terminology-facts.yaml``): BDNF is no neurotransmitter,
  GABA is inhibitory, "DSM-V" is DSM-5, Spravato is esketamine (FCT001–FCT005);
- the medicines KB (``rules/medicines.json``, ``medlint/knowledge/medicines.py``): 160
  psychiatric medicines in a class tree, their brands and makers, class mechanisms, and
  neuromodulation devices with their technology (FCT002, FCT005–FCT008). Only a definite
  contradiction is reported: a medicine whose class the KB does not know is never wrong.

A third source, read its own way: the headline prevalence figures (``rules/prevalence.yaml``:
NIMH, CDC, NHS Digital, WHO), against which a clause's figure for one condition and one
population is compared (FCT012), silent whenever the comparison is not unambiguous.

What lives where:

- ``rules``: the rules' docs;
- ``shapes``: the assertion vocabulary (copula, articles, modifiers, negation, contrast);
- ``facts``: the terminology facts compiled, and the check of the family (``Terminology``);
- ``kb_claims``: claims about medicines and devices read around the names the KB finds;
- ``prevalence``: headline prevalence figures against the official ones (``rules/prevalence.yaml``, FCT012).
"""

from medlint.checks.terminology.facts import Terminology, facts

__all__ = ["Terminology", "facts"]
