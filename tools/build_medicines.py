"""Build ``rules/medicines.yaml``, the psychiatric medicines and devices KB of FCT.

    .venv/bin/pip install drug-named-entity-recognition==2.0.9   # build time only
    python tools/build_medicines.py

Three inputs, each a source the output names per field:

- ``tools/data/atc-psych.csv``: the WHO ATC/DDD Index rows medlint uses (codes and names, read
  2026-04-25). Each medicine's ATC code must be there under its own name (or a listed synonym),
  so a mistyped code fails the build.
- ``drug-named-entity-recognition`` 2.0.9 (PyPI, MIT): the generic names, brands and synonyms it
  ships (from MedlinePlus, DrugBank, NHS and Wikipedia). Its names are filtered: only brand-like
  words (no salts, no numbers, no foreign INN spellings of the generic, no enantiomer that is a
  separate medicine, no ordinary English word, no name another medicine also claims).
- ``tools/data/psych-overlay.yaml``: the hand-kept facts with their sources: the class tree,
  classes, roles, US schedules, makers of brands, devices.

Why at build time: the package is 9 MB of pickled dictionary for 20,000 drugs, of which medlint
needs 160; the output is a small JSON file (parsed in about a millisecond, where YAML takes seventy) read
lazily at run time (no new run-time dependency).
The same inputs give the same bytes.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import os
import pickle
import re
from pathlib import Path

import json

import yaml
from difflib import SequenceMatcher

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tools" / "data"
OUT = ROOT / "rules" / "medicines.json"

#: Variant names that are salts, forms or foreign spellings rather than names prose uses.
_NOT_A_NAME = re.compile(r"[\d,()/\[\]]|\b(?:hydrochloride|hcl|hydrobromide|mesylate|maleate|tartrate|succinate|"
                         r"sodium|potassium|salt|base|acid|citrate|fumarate|sulfate|sulphate|oxalate|besylate|"
                         r"tablets?|extended|release|er|xr|sr|cr|novo|gen|apo|pms|ratio|teva|mylan|sandoz|"
                         r"generic|dimesylate|monohydrate|anhydrous)\b", re.I)
#: Chemical word parts: a variant holding one is a chemical synonym or another substance
#: ("desmethylimipramine", "levoamphetamine", "sultopride"), not a brand.
_CHEMICAL = re.compile(r"methyl|ethyl|hydroxy|chlor|fluor|amine|amina|aminum|azepam|azine|oxide|ephedr|barbit|"
                       r"propyl|amino|dehydro|dextro|levo|amfet|amphet|pride|idone|apine|etine|triptyl|pramin|"
                       r"azolam|zepam|tiotix|thixen|[^a-z]", re.I)
_ENANTIOMER = re.compile(r"^(?:es|dex|dextro|lev|levo|ar|l-|s-|r-|d-|\(s\)|\(r\))", re.I)


def english_words() -> set[str]:
    """Lower-case words of the shipped dictionary (names, marked ``^``, left out)."""
    words, names = set(), False
    with gzip.open(ROOT / "rules" / "english-words.txt.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("@"):
                names = line.rstrip().endswith(("^", "!"))  # a section of names or capitals
            if line[:1] in "#@" or names or not line.strip():
                continue
            words.add(line.strip().lower())
    return words


def atc_rows() -> dict[str, str]:
    lines = [ln for ln in (DATA / "atc-psych.csv").read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {row["atc_code"]: row["atc_name"] for row in csv.DictReader(lines)}


def names_package():
    import drug_named_entity_recognition as dner

    path = Path(dner.__file__).parent / "drug_ner_dictionary.pkl.bz2"
    data = pickle.load(bz2.open(path))
    variants: dict[str, list[str]] = {}
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        for c in canonicals:
            variants.setdefault(c, []).append(variant)
    return data["drug_variant_to_canonical"], variants, data["drug_variant_to_variant_data"]


def pattern_words(names: list[str]) -> set[str]:
    """The plain (regex-free) names, lower case."""
    return {n.lower() for n in names if re.fullmatch(r"[\w' -]+", n)}


def main() -> None:
    overlay = yaml.safe_load((DATA / "psych-overlay.yaml").read_text(encoding="utf-8"))
    atc = atc_rows()
    to_canon, variants_of, variant_data = names_package()
    english = english_words()
    meds = overlay["medicines"]
    # every plain generic name of every medicine: a brand may never be one of them
    generic_names = {mid: (m.get("names") or [mid]) for mid, m in meds.items()}
    taken = {w: mid for mid, names in generic_names.items() for w in pattern_words(names)}
    not_brands = {b.lower() for b in overlay["not_brands"]}
    brands_raw: dict[str, list[str]] = {}
    for mid, m in meds.items():
        found: list[str] = []
        for name in pattern_words(generic_names[mid]):
            for canon in to_canon.get(name, []):
                for v in variants_of.get(canon, []):
                    if (_NOT_A_NAME.search(v) or " " in v or "-" in v or len(v) < 4 or v in english or _CHEMICAL.search(v)
                            or name.startswith(v) or SequenceMatcher(None, v, name).ratio() >= 0.85
                            or v in taken or v in not_brands or _ENANTIOMER.match(v) and name in v):
                        continue
                    if variant_data.get(v, {}).get("is_brand") is False:
                        continue
                    found.append(v)
        for names in (m.get("brands") or {}).values():
            found.extend(n.lower() for n in names)
        brands_raw[mid] = sorted(set(found))
    owners: dict[str, set[str]] = {}
    for mid, bs in brands_raw.items():
        for b in bs:
            owners.setdefault(b, set()).add(mid)
    dropped = sorted(b for b, o in owners.items() if len(o) > 1)
    sources = dict(overlay["sources"])
    out_meds = []
    for mid, m in meds.items():
        entry: dict = {"id": mid, "names": generic_names[mid]}
        field_sources: dict[str, list[str]] = {"names": ["names"] if mid in to_canon or any(n in to_canon for n in pattern_words(generic_names[mid])) else []}
        brands = [b for b in brands_raw[mid] if b not in dropped]
        if brands:
            entry["other_names"] = [b[:1].upper() + b[1:] for b in brands]
            field_sources["other_names"] = ["names"] + ([m["brand_source"]] if m.get("brand_source") else [])
        if m.get("brands"):
            entry["brands_by_country"] = m["brands"]
            field_sources["brands_by_country"] = [m["brand_source"]]
        if m.get("atc"):
            code = m["atc"]
            if code not in atc:
                raise SystemExit(f"{mid}: ATC code {code} is not in atc-psych.csv")
            atc_name = atc[code].lower()
            if not any(n.lower() in atc_name or atc_name.startswith(n.lower().split()[0]) for n in generic_names[mid] + [mid]):
                raise SystemExit(f"{mid}: ATC {code} is '{atc[code]}', not this medicine")
            entry["atc"] = code
            entry["atc_name"] = atc[code]
            field_sources["atc"] = ["atc"]
            field_sources["names"] = sorted(set(field_sources["names"] + ["atc"]))
        if not field_sources["names"]:
            field_sources["names"] = [m.get("class_source", "atc")]
        entry["classes"] = m["classes"]
        field_sources["classes"] = [m.get("class_source", "atc")]
        if m.get("roles"):
            entry["roles"] = m["roles"]
            field_sources["roles"] = [m.get("role_source", "atc")]
        if m.get("schedule"):
            entry["schedule_us"] = m["schedule"]
            field_sources["schedule_us"] = ["cfr"]
        if m.get("contains"):
            entry["contains"] = m["contains"]
            field_sources["contains"] = ["atc" if m.get("atc") else "names"]
        entry["sources"] = field_sources
        out_meds.append(entry)
    makers = {}
    for brand, mk in overlay["makers"].items():
        src = mk.get("source")
        if src is None:
            key = f"fda-{brand.lower()}"
            sources[key] = {"ref": f"{overlay['makers_source']['ref']}: {brand}", "date": mk["year"]}
            src = key
        makers[brand] = {"companies": mk["company"], "source": [src] + ([mk["also_source"]] if mk.get("also_source") else [])}
    devices = []
    for did, d in overlay["devices"].items():
        src = d["source"]
        if src not in sources:
            key = f"device-{did}"
            sources[key] = {"ref": src, "date": d["date"]}
            src = key
        entry = {"id": did, "label": d["label"], "names": d["names"], "technology": d["technology"]}
        if d.get("clearance"):
            entry["clearance_us"] = d["clearance"]
        entry["source"] = src
        devices.append(entry)
    doc = {
        "sources": sources,
        "classes": overlay["classes"],
        "companies": overlay["companies"],
        "medicines": out_meds,
        "makers": makers,
        "devices": devices,
    }
    doc = {"generated": ("by tools/build_medicines.py from tools/data/atc-psych.csv (WHO ATC/DDD Index), "
                         "drug-named-entity-recognition 2.0.9 and tools/data/psych-overlay.yaml; do not edit: edit the "
                         "inputs and rebuild. Every field of every entry names its sources (keys of `sources`, each with "
                         "the date of the source itself)."),
           "left_out": {"names given to several medicines": dropped}, **doc}
    OUT.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(out_meds)} medicines, {len(devices)} devices, {sum(len(e.get('other_names', [])) for e in out_meds)} brand names and synonyms -> {OUT}")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
