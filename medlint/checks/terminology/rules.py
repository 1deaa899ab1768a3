"""The FCT rules' docs (what, why, example, fix, source): FCT001–FCT005 from the terminology
facts (``facts.py``), FCT002 and FCT005–FCT008 also from the medicines KB (``kb_claims.py``),
FCT012 from the prevalence figures (``prevalence.py``)."""

from __future__ import annotations

from medlint.model.diagnostics import Severity
from medlint.model.rule import rule_doc

_SOURCE = "rules/terminology-facts.yaml (sources per fact: health-writing-standards.md, NIMH, StatPearls, IUPAC, APA via Medscape)"

WRONG_CLASS = rule_doc(
    "FCT001",
    "term-wrong-class",
    "Puts a biological term in the wrong class: BDNF or a receptor called a neurotransmitter.",
    what=(
        "Finds sentences that say a term is a member of a class it does not belong to, in any "
        "of the usual shapes ('X is a Y', 'X, a Y,', 'another Y called X', 'Ys such as X', "
        "'X and other Ys'). BDNF is a neurotrophic factor (a protein); the NMDA receptor is a "
        "receptor that glutamate binds to."
    ),
    why=(
        "Mechanism explanations are where readers learn what a treatment does. Calling BDNF a "
        "neurotransmitter teaches a wrong model and tells informed readers the page was not "
        "checked."
    ),
    example="Bad: Ketamine raises another neurotransmitter called brain-derived neurotrophic factor (BDNF).\nGood: Ketamine raises a protein called brain-derived neurotrophic factor (BDNF).",
    fix="Unsafe fix where the data gives the right class ('neurotransmitter' → 'protein'); receptors called neurotransmitters need rewording by hand.",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
DRUG_WRONG_CLASS = rule_doc(
    "FCT002",
    "drug-wrong-class",
    "Puts a drug in a class it does not belong to: ketamine called an SSRI, lithium an antidepressant.",
    what="Same assertion shapes as FCT001, for drug classes: ketamine and esketamine are NMDA receptor antagonists; lithium is a mood stabilizer.",
    why="The class tells readers how a drug works, what its side effects are and what it may interact with. A wrong class misleads all three.",
    example="Bad: Lithium and other antidepressants can take weeks to work.\nGood: Lithium and other mood stabilizers can take weeks to work.",
    fix="Unsafe fix: the class is replaced with the right one (with its article: 'an SSRI' → 'an NMDA receptor antagonist').",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
ROLE_SWAPPED = rule_doc(
    "FCT003",
    "transmitter-role-swapped",
    "Calls glutamate inhibitory or GABA excitatory.",
    what=(
        "Finds glutamate described as an inhibitory neurotransmitter, or GABA as an excitatory "
        "one, in the FCT001 shapes. Pairs such as 'excitatory and inhibitory … respectively' and "
        "sentences about the developing brain (where GABA can excite) are left alone."
    ),
    why="Glutamate (excitatory) and GABA (inhibitory) are the two poles of every ketamine and neurosteroid explanation; swapping them inverts the explanation.",
    example="Bad: GABA is the brain's main excitatory neurotransmitter.\nGood: GABA is the brain's main inhibitory neurotransmitter.",
    fix="Unsafe fix: 'excitatory' and 'inhibitory' are swapped back.",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
DSM_NAME = rule_doc(
    "FCT004",
    "dsm-v-not-dsm-5",
    "Writes 'DSM-V' for the DSM-5.",
    what="Finds 'DSM-V', 'DSM V' and 'DSM-V-TR'. The American Psychiatric Association named the fifth edition DSM-5, with an Arabic numeral, so later revisions could be numbered DSM-5.1 and so on.",
    why="'DSM-V' is a name that never existed for the published manual; using it signals second-hand knowledge.",
    example="Bad: PTSD is defined in the DSM-V.\nGood: PTSD is defined in the DSM-5.",
    fix="Unsafe fix: 'DSM-V' → 'DSM-5'. Unsafe because titles of works from before 2013 ('A Research Agenda for DSM-V') keep their name.",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
BRAND_MISMATCH = rule_doc(
    "FCT005",
    "brand-generic-mismatch",
    "Names the wrong drug for a brand: Spravato called ketamine (it is esketamine), Auvelity called a ketamine product.",
    what="Finds a brand name equated with a drug it does not contain, in the FCT001 shapes and in parentheses ('Spravato (ketamine)', 'ketamine (Spravato)').",
    why="Spravato's approval is routinely borrowed for racemic ketamine infusions; naming the brand as ketamine makes the borrowing look legitimate.",
    example="Bad: Spravato is ketamine in a nasal spray.\nGood: Spravato is esketamine in a nasal spray.",
    fix="Unsafe fix where the data gives the right name ('ketamine' → 'esketamine').",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
WRONG_MAKER = rule_doc(
    "FCT006",
    "brand-wrong-maker",
    "Names the wrong company as a brand's maker: 'Prozac, made by Pfizer'.",
    what=(
        "Finds a brand said to be made, developed, marketed or sold by a company ('Prozac, made by "
        "Pfizer', 'Pfizer's Prozac') when the medicines KB (rules/medicines.json) names other makers. "
        "A company that absorbed the maker counts as the maker (Wyeth's Effexor is Pfizer's); a "
        "company the KB does not know is never reported."
    ),
    why="A wrong maker tells informed readers the page was not checked, and sends readers to the wrong company for safety information.",
    example="Bad: Prozac, made by Pfizer, was approved in 1987.\nGood: Prozac, made by Eli Lilly, was approved in 1987.",
    fix="None: name the maker the brand's label names.",
    source="rules/medicines.json: makers from Drugs@FDA (the applicant of the brand's original US approval, dated by its year)",
    severity=Severity.WARNING,
)
MECHANISM = rule_doc(
    "FCT007",
    "mechanism-misdescribed",
    "Says a reuptake inhibitor works by adding or releasing a transmitter.",
    what=(
        "Finds 'X works by adding serotonin' (or supplying, replacing, producing, releasing it) where X "
        "is a medicine or class whose mechanism in the KB is reuptake inhibition (SSRIs, SNRIs, "
        "tricyclics): it blocks the transmitter's reuptake and adds none."
    ),
    why="The mechanism is what readers remember; 'SSRIs add serotonin' feeds the idea that depression is a simple shortage the pill refills.",
    example="Bad: Sertraline works by adding serotonin to the brain.\nGood: Sertraline works by blocking the reuptake of serotonin.",
    fix="None: reword by hand.",
    source="rules/medicines.json: class mechanisms (WHO ATC group names: selective serotonin reuptake inhibitors, non-selective monoamine reuptake inhibitors; reviews of SNRIs and tricyclics)",
    severity=Severity.WARNING,
)
DEVICE_TECH = rule_doc(
    "FCT008",
    "device-wrong-technology",
    "Describes a brain-stimulation treatment with a technology it does not use: 'ECT uses strong magnets'.",
    what=(
        "Finds a neuromodulation treatment (ECT, TMS, VNS, DBS, tDCS, CES, eTNS…) said to use magnets "
        "when it uses electric current only, or said to be implanted when it is not. The technology of "
        "each device is in rules/medicines.json with its source."
    ),
    why="Readers choosing between ECT and TMS need to know which is which: TMS is the magnetic one, ECT passes a current to induce a seizure under anaesthesia.",
    example="Bad: ECT uses strong magnets to stimulate the brain.\nGood: ECT uses a brief electric current, under anaesthesia, to induce a seizure.",
    fix="None: reword by hand.",
    source="rules/medicines.json: devices (FDA clearances and Federal Register orders via rules/regulatory-facts.yaml; reviews named per device)",
    severity=Severity.WARNING,
)
DIAGNOSIS_CHAPTER = rule_doc(
    "FCT009",
    "diagnosis-wrong-chapter",
    "Places a diagnosis in a DSM chapter DSM-5 moved it out of: PTSD or OCD called an anxiety disorder.",
    what=(
        "Finds PTSD (and acute stress disorder) or OCD (and hoarding disorder, body dysmorphic disorder, "
        "trichotillomania) called an anxiety disorder, in the FCT001 shapes. DSM-5 (2013) moved them to "
        "new chapters: Trauma- and Stressor-Related Disorders; Obsessive-Compulsive and Related Disorders. "
        "Sentences about DSM-IV, ICD-10 or the move itself are left alone."
    ),
    why="A classification ten years out of date tells readers the page was written from old sources, and the chapter says what kind of problem it is (trauma, not fear).",
    example="Bad: PTSD is classified as an anxiety disorder.\nGood: PTSD is classified as a trauma- and stressor-related disorder.",
    fix="Unsafe fix: the chapter is replaced with DSM-5's ('an anxiety disorder' → 'a trauma- and stressor-related disorder').",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
OLD_NAME = rule_doc(
    "FCT010",
    "organisation-old-name",
    "Calls an organisation or programme by a name it no longer has: 'National Alliance for the Mentally Ill', 'IAPT'.",
    what=(
        "Finds the former names of organisations and programmes readers are sent to: NAMI's old "
        "expansion (changed in 2005), the National Institute for Clinical Excellence (NICE's name until "
        "2013), Improving Access to Psychological Therapies (NHS Talking Therapies since 2023). A "
        "sentence about the history (founded as, formerly, renamed, a year before the change) is left "
        "alone."
    ),
    why="Readers search for the name they are given; an old name dates the page and, for NAMI, keeps a label the organisation dropped as stigmatising.",
    example="Bad: Contact the National Alliance for the Mentally Ill for support.\nGood: Contact the National Alliance on Mental Illness for support.",
    fix="Unsafe fix where there is one current name (NAMI, NICE); none for a programme renamed with a longer name (IAPT).",
    source=_SOURCE,
    severity=Severity.WARNING,
    fixable=True,
)
RETIRED_DIAGNOSIS = rule_doc(
    "FCT011",
    "retired-diagnosis",
    "Uses a retired diagnosis as if it were current: 'Asperger's syndrome'.",
    what=(
        "Finds Asperger's syndrome (or disorder) named as a diagnosis of today. DSM-5 (2013) and ICD-11 "
        "folded it into autism spectrum disorder. Sentences about the history, the change, older manuals, "
        "a person's own identity or the autistic community are left alone."
    ),
    why="Readers told they or their child 'have Asperger's' look for a diagnosis clinicians no longer give; the current name finds current services and evidence.",
    example="Bad: Children with Asperger's syndrome may need social skills support.\nGood: Autistic children who need little support may still benefit from social skills support.",
    fix="None: the right wording depends on what the sentence means (autism spectrum disorder, 'level 1', or the history).",
    source=_SOURCE,
    severity=Severity.INFO,
)
PREVALENCE = rule_doc(
    "FCT012",
    "prevalence-figure",
    "Gives a headline prevalence figure far from the official one: '30% of US adults have bipolar disorder'.",
    what=(
        "Finds a figure for how many people have a condition (a percentage, '1 in N', a count) that is outside the "
        "tolerance of the official figure in rules/prevalence.yaml (NIMH for US adults, CDC for US suicide deaths, NHS "
        "Digital's APMS for adults in England, WHO for the world), when the clause names one condition the data knows, one "
        "population (US adults, Americans, the US, adults in England, the world) and no narrower "
        "group, and a measure that agrees (12-month, lifetime, at a point in time). Silent when unsure: a range, 'up to', "
        "a year outside the official series, a figure attributed to a study or body other than the figure's publisher, "
        "symptoms, diagnoses, treatment, rates or trends; a clause with no measure is reported only when its figure is "
        "far from every measure the data has. The tolerance takes in every edition of the official series and rounding."
    ),
    why=(
        "Inflated prevalence figures ('one in three adults has bipolar disorder') spread from page to page without a "
        "source; readers and clinicians who know the official figure stop trusting the page."
    ),
    example="Bad: About 12% of US adults have bipolar disorder in a given year.\nGood: About 2.8% of US adults have bipolar disorder in a given year (NIMH).",
    fix="None: check the figure against its source and cite it.",
    source="rules/prevalence.yaml: NIMH statistics pages (NCS-R 2001–2003; SAMHSA NSDUH 2008–2022), CDC (suicide deaths 2022), NHS Digital (APMS 2014), WHO fact sheets (depression, schizophrenia, suicide); title, URL and date per figure",
    severity=Severity.WARNING,
)
_RULES = {r.code: r for r in (WRONG_CLASS, DRUG_WRONG_CLASS, ROLE_SWAPPED, DSM_NAME, BRAND_MISMATCH, WRONG_MAKER, MECHANISM, DEVICE_TECH,
                              DIAGNOSIS_CHAPTER, OLD_NAME, RETIRED_DIAGNOSIS, PREVALENCE)}
