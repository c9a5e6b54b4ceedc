"""Speaker-name accuracy with the surname taken from the gold mention's name part.

score.py takes the gold surname as the last word of the gold mention. In PolNeAR the
mention often carries an apposition ("Kenneth Baer, a former Obama administration
official who runs Crosscut Strategies"), so its last word is not a name and no
canonical name can contain it. This script cuts the mention at its first comma,
parenthesis, or " of / who / at / for " before taking the surname, and otherwise
scores exactly as score.py does.

    python bench/name_accuracy.py GOLD.jsonl PRED.jsonl [--show]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "eval"))
import score  # type: ignore[import-not-found]  # noqa: E402

APPOSITION = re.compile(r"[,(]| of | who | at | for ")


def main(argv: list[str]) -> None:
    gold, pred = score.load(argv[0]), score.load(argv[1])
    total = correct = 0
    for gid, g in gold.items():
        text = g["text"]
        preds = [(score.trim(text, q["start"], q["end"]), q) for q in pred.get(gid, {"quotes": []})["quotes"]]
        for q in g["quotes"]:
            if not q["direct"] or not q.get("speaker"):
                continue
            mention = q["speaker"]["text"]
            if not score.is_proper_mention(text, q["speaker"]["start"], mention):
                continue
            surname = score.name_tokens(APPOSITION.split(mention)[0])
            for s, e in q["spans"]:
                for ps, pe in score.quoted_pieces(text, s, e):
                    span = score.trim(text, ps, pe)
                    best = max(preds, key=lambda p: score.jaccard(span, p[0]), default=None)
                    if not surname or best is None or score.jaccard(span, best[0]) < 0.5:
                        continue
                    total += 1
                    ok = surname[-1] in score.name_tokens(score.speaker_name(best[1]))
                    correct += ok
                    if not ok and "--show" in argv:
                        print(f"{gid[:40]} | gold {mention!r} | got {score.speaker_name(best[1])!r}")
    print(f"speaker_name_accuracy (name part of the gold mention): {correct}/{total} = {correct / total:.4f}")


if __name__ == "__main__":
    main(sys.argv[1:])
