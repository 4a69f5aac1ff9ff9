"""Split the blind labelled sets into train, dev and a frozen final third.

Each author's file is split on its own, label by label, by a hash of the
message, so every third has every author and every label in proportion and
the split never changes when the script is rerun. The final third is scored
once, at the end of a round, and never tuned against (docs/SAFETY.md,
docs/MATCHING.md).

    python scripts/split_blind.py [--by-lang] OUT_DIR PREFIX FILE...
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from pathlib import Path

import yaml

PARTS = ("train", "dev", "final")


def _key(q: str) -> str:
    return hashlib.sha256(q.encode("utf-8")).hexdigest()


def main(out_dir: str, prefix: str, files: list[str], by_lang: bool) -> None:
    parts: dict[str, list[dict]] = {p: [] for p in PARTS}
    for name in files:
        data = yaml.safe_load(Path(name).read_text(encoding="utf-8"))
        author = data["author"]
        groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for case in data["cases"]:
            case = {"q": case["q"], "expect": case["expect"], "author": author} | {
                k: v for k, v in case.items() if k not in ("q", "expect")
            }
            groups[(case["expect"], case.get("lang", "en"))].append(case)
        for group, cases in groups.items():
            # Where a group does not divide by three, the remainder rotates.
            offset = int(_key(f"{author}/{group}"), 16) % 3
            for i, case in enumerate(sorted(cases, key=lambda c: _key(c["q"]))):
                parts[PARTS[(i + offset) % 3]].append(case)
    for part, cases in parts.items():
        if by_lang:
            for lang in sorted({c.get("lang", "en") for c in cases}):
                name = prefix if lang == "en" else f"{prefix}_{lang}"
                chosen = [c for c in cases if c.get("lang", "en") == lang]
                _write(Path(out_dir) / f"{name}_{part}.yaml", part, chosen)
        else:
            _write(Path(out_dir) / f"{prefix}_{part}.yaml", part, cases)


def _write(path: Path, part: str, cases: list[dict]) -> None:
    head = (
        f"# Blind labelled set ({part} third), written by authors who saw only the\n"
        "# clinic's article and the FAQ's questions and answers. Made by\n"
        "# scripts/split_blind.py; see docs/SAFETY.md and docs/MATCHING.md.\n"
    )
    body = yaml.safe_dump(
        {"cases": cases}, sort_keys=False, allow_unicode=True, width=1000
    )
    path.write_text(head + body, encoding="utf-8")
    print(path, len(cases))


if __name__ == "__main__":
    args = sys.argv[1:]
    split_langs = args[:1] == ["--by-lang"]
    if split_langs:
        args = args[1:]
    main(args[0], args[1], args[2:], split_langs)
