#!/usr/bin/env python3
"""Convert the small markup of corpus/tools/src/*.src to a flat ODT (.fodt).

LibreOffice turns the .fodt into the committed PDF, DOCX and ODT files, so
the binaries can be regenerated from text that can be read and diffed.

Markup: "% title: ..." and "% creator: ..." set the document metadata (kept
deliberately poor or misleading where the corpus needs it); "# " and "## "
start headings (outline levels 1 and 2, styles Heading 1 and Heading 2);
"- " starts a bulleted list item; "[^N]" marks a footnote whose text is given
on a line "[^N]: text"; any other non-blank line is a paragraph.
"""
import re
import sys
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta>{meta}</office:meta>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"
  style:next-style-name="Text_20_body" style:class="text">
  <style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/>
 </style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:parent-style-name="Heading" style:next-style-name="Text_20_body"
  style:default-outline-level="1" style:class="text">
  <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
  style:parent-style-name="Heading" style:next-style-name="Text_20_body"
  style:default-outline-level="2" style:class="text">
  <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"
  style:parent-style-name="Standard" style:class="text">
  <style:paragraph-properties fo:margin-bottom="0.25cm"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard"
  style:class="extra">
  <style:text-properties fo:font-size="10pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <text:list-style style:name="L1">
  <text:list-level-style-bullet text:level="1" text:bullet-char="•">
   <style:list-level-properties text:space-before="0.6cm" text:min-label-width="0.6cm"/>
  </text:list-level-style-bullet>
 </text:list-style>
</office:automatic-styles>
<office:body><office:text>
"""
TAIL = "</office:text></office:body></office:document>\n"


def inline(text, notes):
    def note(m):
        n = m.group(1)
        return (f'<text:note text:id="ftn{n}" text:note-class="footnote">'
                f"<text:note-citation>{n}</text:note-citation><text:note-body>"
                f'<text:p text:style-name="Footnote">{escape(notes[n])}</text:p>'
                f"</text:note-body></text:note>")
    return re.sub(r"\[\^(\d+)\]", note, escape(text))


def convert(lines):
    meta, notes, body = [], {}, []
    for line in lines:
        m = re.match(r"\[\^(\d+)\]: (.*)", line)
        if m:
            notes[m.group(1)] = m.group(2).strip()
    in_list = False
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("% title: "):
            meta.append(f"<dc:title>{escape(line[9:])}</dc:title>")
            continue
        if line.startswith("% creator: "):
            meta.append(f"<meta:initial-creator>{escape(line[11:])}</meta:initial-creator>")
            continue
        if not line.strip() or re.match(r"\[\^\d+\]: ", line):
            continue
        is_item = line.startswith("- ")
        if in_list and not is_item:
            body.append("</text:list>")
        if is_item and not in_list:
            body.append('<text:list text:style-name="L1">')
        in_list = is_item
        if is_item:
            body.append(f"<text:list-item><text:p>{inline(line[2:], notes)}</text:p></text:list-item>")
        elif line.startswith("## "):
            body.append(f'<text:h text:style-name="Heading_20_2" text:outline-level="2">{inline(line[3:], notes)}</text:h>')
        elif line.startswith("# "):
            body.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{inline(line[2:], notes)}</text:h>')
        else:
            body.append(f'<text:p text:style-name="Text_20_body">{inline(line, notes)}</text:p>')
    if in_list:
        body.append("</text:list>")
    return HEAD.format(meta="".join(meta)) + "\n".join(body) + "\n" + TAIL


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(convert(f.readlines()))
