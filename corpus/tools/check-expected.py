#!/usr/bin/env python3
"""Check corpus/expected/documents.json against the program-side documents.

Every quote, passage and terminology form written down as truth must really
be in the text of the documents it names, and the gaps marked absent must
really be absent; otherwise tests built on the file would test our typos.
The text is normalised the way documents.json says (header, footer and form
feeds removed, line-end hyphen breaks joined, whitespace collapsed).

Needs python3, pdftotext and unzip. Usage: check-expected.py [corpus dir]
"""
import html
import json
import re
import subprocess
import sys
from pathlib import Path

ABSENT_WORDS = {
    "G1": ["nära relation", "partnervåld", "kvinnofrid", "heders"],
    "G4": ["klimat", "skyfall", "översvämn", "värmebölj", "väder", "storm"],
}


def collapse(text):
    return " ".join(text.split())


def draft_text(path):
    # The drafts are generated from a markup source by layout.py, which also
    # prints the ideal normalised text; check that the committed file is the
    # current layout of that source, then use the normalised text.
    tools = Path(__file__).resolve().parent
    source = tools / "src" / (path.stem + ".src")
    laid_out = subprocess.run([sys.executable, tools / "layout.py", source], capture_output=True, text=True).stdout
    if laid_out != path.read_text(encoding="utf-8"):
        raise SystemExit(f"{path} is not the layout of {source}: run make-drafts.sh")
    normalised = subprocess.run([sys.executable, tools / "layout.py", "--normalised", source],
                                capture_output=True, text=True).stdout
    return collapse(normalised)


def zip_xml_text(path, members):
    text = ""
    for member in members:
        xml = subprocess.run(["unzip", "-p", str(path), member], capture_output=True, text=True).stdout
        xml = re.sub(r"</(w:p|text:p|text:h)>", "\n", xml)
        text += html.unescape(re.sub(r"<[^>]+>", "", xml)) + "\n"
    return collapse(text)


def doc_text(corpus, doc):
    path = corpus / doc["file"]
    fmt = doc["format"]
    if fmt == "pdf":
        return collapse(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    if fmt == "docx":
        return zip_xml_text(path, ["word/document.xml", "word/footnotes.xml"])
    if fmt == "odt":
        return zip_xml_text(path, ["content.xml"])
    if fmt == "html":
        main = re.search(r"<main.*?</main>", path.read_text(encoding="utf-8"), re.S).group(0)
        return collapse(html.unescape(re.sub(r"<[^>]+>", " ", main)))
    if doc["id"].startswith("trygghetsprogram"):
        return draft_text(path)
    return collapse(path.read_bytes().decode(doc.get("encoding", "utf-8")))


def quotes(obj):
    # Every string under a key that holds text from a document.
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key in ("passage", "quote", "covering_passage") and value:
                yield value
            elif key == "other_quotes":
                yield from value
            else:
                yield from quotes(value)
    elif isinstance(obj, list):
        for item in obj:
            yield from quotes(item)


def main():
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1])
    truth = json.loads((corpus / "expected/documents.json").read_text(encoding="utf-8"))
    texts = {d["id"]: doc_text(corpus, d) for d in truth["documents"]}
    errors = []
    for ref in truth["references"]:
        if ref["passage"] not in texts[ref["from_doc"]]:
            errors.append(f"reference passage not in {ref['from_doc']}: {ref['passage']}")
    for gap in truth["gaps"]:
        for version, doc in (("draft", "trygghetsprogram-2027"), ("revised", "trygghetsprogram-2027-reviderat")):
            cov = gap[version]
            for q in quotes(cov):
                if q not in texts[doc]:
                    errors.append(f"{gap['id']} {version} quote not in {doc}: {q}")
            if cov["coverage"] == "absent":
                for word in ABSENT_WORDS.get(gap["id"], []):
                    if word in texts[doc].lower():
                        errors.append(f"{gap['id']} marked absent but '{word}' is in {doc}")
    for finding in truth["findings"]:
        for q in quotes(finding):
            if q not in texts[finding["doc"]]:
                errors.append(f"finding quote not in {finding['doc']}: {q}")
    for concept in truth["terminology"]:
        for variant in concept["variants"]:
            for doc in variant["docs"]:
                if variant["form"] not in texts[doc]:
                    errors.append(f"term '{variant['form']}' not in {doc}")
    for trap in truth["traps"]:
        for form, docs in trap["docs"].items():
            for doc in docs:
                if form not in texts[doc].lower():
                    errors.append(f"trap form '{form}' not in {doc}")
    for line in errors:
        print(line)
    print(f"{len(errors)} problem(s) in {len(texts)} documents")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
