#!/usr/bin/env python3
"""Writes N responses to the sample corpus's draft program, for timing compile
and gaps as the number of responses grows.

    gen_responses.py --count 200 --seed 1 --out DIR

Each response is a staff report on the remiss ("Yttrande över remiss – Förslag
till Trygghets- och säkerhetsprogram ...", Förslag till beslut with a decision,
Sammanfattning, Förvaltningens synpunkter) from a numbered respondent, whose
paragraphs recombine sentences of corpus/remissvar/*.txt picked at random: the
cue words (saknar, framgår inte, bör förtydligas ...) and the topics they raise
come with them. Only our own sample corpus is read; nothing is committed.
"""
import argparse
import pathlib
import random
import re

REPO = pathlib.Path(__file__).resolve().parent.parent
TITLE = "Förslag till Trygghets- och säkerhetsprogram för Norrviks stad\n2027–2030"
BODIES = ["Stadsdelsnämnden", "Socialnämnden", "Utbildningsnämnden", "Kulturnämnden",
          "Trafiknämnden", "Fastighetsnämnden", "Miljö- och klimatnämnden"]
DECISIONS = ["tillstyrker förslaget",
             "tillstyrker förslaget med ändringar i enlighet med förvaltningens synpunkter",
             "avstyrker förslaget", "lämnar förslaget utan erinran",
             "tillstyrker delvis förslaget"]


def sentences():
    """Sentences of the sample responses' prose paragraphs (not headers, tables or lists)."""
    out = []
    for path in sorted((REPO / "corpus" / "remissvar").glob("*.txt")):
        for para in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            text = " ".join(line.strip() for line in para.splitlines())
            if len(text) < 120 or "  " in para or "Diarienummer" in text:
                continue
            out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", text)
                    if len(s) > 40 and not re.search(r"Sida \d|^(Beslut|Protokoll)", s)]
    return out


def paragraph(rng, pool):
    return " ".join(rng.sample(pool, rng.randint(2, 5)))


def response(rng, pool, n):
    body = f"{rng.choice(BODIES)} område {n}"
    day = 1 + n % 28
    parts = [
        f"Norrviks stad\n{body}\nTjänsteutlåtande\nUtfärdat 2026-10-{day:02d}\n"
        f"Diarienummer X 2026-{n:05d}",
        f"Yttrande över remiss – {TITLE}",
        f"Förvaltningens förslag till beslut\n\n{body} {rng.choice(DECISIONS)}.",
        "Sammanfattning\n\n" + paragraph(rng, pool),
        "Förvaltningens synpunkter",
    ]
    parts += [paragraph(rng, pool) for _ in range(rng.randint(3, 8))]
    return "\n\n".join(parts) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=pathlib.Path, required=True)
    args = ap.parse_args()
    if REPO in args.out.resolve().parents or args.out.resolve() == REPO:
        raise SystemExit("gen_responses: --out får inte ligga i förrådet")
    rng = random.Random(args.seed)
    pool = sentences()
    args.out.mkdir(parents=True, exist_ok=True)
    for n in range(1, args.count + 1):
        (args.out / f"remissvar-{n:03d}.txt").write_text(response(rng, pool, n), encoding="utf-8")


if __name__ == "__main__":
    main()
