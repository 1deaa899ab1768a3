"""What ``medlint explain``, ``medlint rules`` and ``medlint config`` print about rules, their
options and the settings resolved for one file.

Option names are shown as users write them in a configuration: kebab-case (``target-grade``),
whatever spelling a check module uses internally; the engine accepts both.
"""

from __future__ import annotations

import json
import os

import yaml

from medlint.engine import registry
from medlint.engine.config import Config, spelled


def options_of(rule) -> tuple[str, dict]:
    """The name a configuration sets options under (the rule's check) and its options."""
    check = registry.find_check(rule.code)
    if check is None or not check.options:
        return "", {}
    return check.name, dict(check.options)


def explain(rule) -> str:
    """The rule's doc (``Rule.explain``), then its options with their defaults, if it has any."""
    text = rule.explain()
    check_name, options = options_of(rule)
    if not options:
        return text
    lines = [f"Options (in .medlint.yaml: options: {{{check_name}: {{NAME: VALUE}}}}; shared by every rule of '{check_name}')"]
    for name, opt in options.items():
        choices = f" One of: {', '.join(map(str, opt.choices))}." if opt.choices else ""
        lines.append(f"  {spelled(name)} (default {json.dumps(opt.default, ensure_ascii=False)}): {opt.help}{choices}")
    return text + "\n" + "\n".join(lines) + "\n"


def help_markdown(rule) -> str:
    """The rule's doc as Markdown, for an alert's help panel."""
    sections = [("What it does", rule.what), ("Why it matters", rule.why), ("Example", rule.example), ("Fix", rule.fix), ("Source", rule.source)]
    body = [f"**{rule.code} {rule.name}**: {rule.summary}"]
    for title, text in sections:
        text = str(text).strip()
        if title == "Example":
            text = "\n".join("    " + line for line in text.splitlines())
        body.append(f"### {title}\n\n{text}")
    return "\n\n".join(body) + "\n"


def rule_data(rule) -> dict:
    """``Rule.to_dict`` plus the options a configuration can set for it."""
    check_name, options = options_of(rule)
    data = rule.to_dict()
    data["options"] = {spelled(k): {"default": o.default, "help": o.help, **({"choices": list(o.choices)} if o.choices else {})} for k, o in options.items()}
    data["options_under"] = check_name or None
    return data


def resolved(config: Config, path: str) -> dict:
    """The settings that apply to ``path`` under ``config``, as plain data."""
    settings = config.settings_for(path if os.path.exists(path) and not os.path.isdir(path) else "-")
    rules = registry.all_rules()
    options = {}
    for check in registry.checks():
        if check.options and any(r.code in settings.enabled_codes for r in check.rules):
            values = settings.options_for(check)
            options[check.name] = {spelled(k): values[k.replace("-", "_")] for k in check.options}
    return {
        "file": path,
        "config": config.path or "none (defaults)",
        "excluded": bool(config.path) and config.is_excluded(path),
        "fail-on": settings.fail_on.value,
        "packs": [{"file": p, **config.loaded_packs[p].sizes()} if p in config.loaded_packs else p for p in config.packs],
        "enabled": sorted(settings.enabled_codes),
        "disabled": sorted(r.code for r in rules if r.code not in settings.enabled_codes),
        "severity": {code: sev.value for code, sev in sorted(settings.severities.items())},
        "options": options,
    }


def resolved_text(config: Config, path: str) -> str:
    return yaml.safe_dump(resolved(config, path), sort_keys=False, allow_unicode=True, width=100)


def resolved_json(config: Config, path: str) -> str:
    return json.dumps(resolved(config, path), indent=2, ensure_ascii=False) + "\n"


RESOLVED = {"text": resolved_text, "json": resolved_json}
