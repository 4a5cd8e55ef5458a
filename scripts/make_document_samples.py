#!/usr/bin/env python3
"""Writes sample-corpus/documents/: clippings as documents arrive (a press office's
forwarded e-mail, a news database's text and Word exports, a clipping service's PDF).
Invented articles and people of the sample corpus's world; standard library only, so the
files can be made again anywhere: python3 scripts/make_document_samples.py
"""
import pathlib
import zipfile

OUT = pathlib.Path(__file__).resolve().parent.parent / "sample-corpus" / "documents"

FORWARD = """From: Anneli Sund <anneli.sund@nordvik-ports.example>
To: clippings@newsdesk.example
Subject: Fwd: Nordvik ferry fares to rise by a tenth
Date: Mon, 05 Oct 2026 08:40:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Morning all, the Courier's piece from last night below.

---------- Forwarded message ---------
From: Kestvik Courier <alerts@kestvik-courier.example>
Date: Sun, 4 Oct 2026 19:05:00 +0000
Subject: Nordvik ferry fares to rise by a tenth

Nordvik ferry fares to rise by a tenth
By Mari Solberg, Kestvik Courier, 4 October 2026

Fares on the island ferries will rise by ten per cent in January, the state
operator said on Sunday, the first rise since the fuel surcharge was dropped.

"We held fares for three winters while fuel doubled, and that cannot go on,"
said Lars Brekke, Nordvik's fisheries minister, whose ministry also oversees
the ferry routes to the northern islands.

Island councils said the rise would fall hardest on fishing families who cross
to the mainland markets every week.

--
Anneli Sund
Press office, Nordvik Ports Authority
"""


def centred(text):
    return " " * max(0, (80 - len(text)) // 2) + text


def old_export():
    articles = [
        ("Eastbridge Herald", "September 28, 2026 Monday",
         "Eastbridge barrier trial closes the estuary for a day", "Tomas Lind",
         "NEWS; Pg. 3", [
             "The Eastbridge tidal barrier was closed for a full day on Monday in the first\n"
             "trial since its gates were rebuilt, and shipping waited at anchor in the\n"
             "outer estuary until the evening tide.",
             "\"The gates sealed in eleven minutes, faster than the design asked for,\" said\n"
             "Priya Raman, director of the Coastal Resilience Lab at the University of\n"
             "Eastbridge, who watched the trial from the control tower.",
         ]),
        ("Northgate Gazette", "September 30, 2026 Wednesday",
         "Northgate heat network finds its first industrial customer", "Ilse Haugen",
         "BUSINESS; Pg. 11", [
             "A brewery on the Northgate ring road will take waste heat from the city's\n"
             "incinerator from next spring, the first industrial customer of the heat\n"
             "network since it opened in 2024.",
             "\"Cheap heat is what keeps a brewery in a city,\" said Marta Kowalczyk, a\n"
             "senior energy analyst at the Baltic Energy Institute. \"The network has\n"
             "found the kind of customer it was built for.\"",
         ]),
    ]
    lines = ["", "", "Download Request: Selected Items: 1-2", "Time Of Request: Thursday,",
             "October 1, 2026", "", "Terms: heat OR barrier", "", "Source: Regional papers",
             "", ""]
    for i, (source, date, title, byline, section, paras) in enumerate(articles, 1):
        words = sum(len(p.split()) for p in paras)
        lines += ["", centred(f"{i} of {len(articles)} DOCUMENTS"), "", "", centred(source), "",
                  centred(date), "", title, "", f"BYLINE: {byline}", "", f"SECTION: {section}",
                  "", f"LENGTH: {words} words", ""]
        for para in paras:
            lines += [para, ""]
        lines += [f"LOAD-DATE: {date.rsplit(' ', 1)[0]}", "", "LANGUAGE: ENGLISH", "",
                  "PUBLICATION-TYPE: Newspaper", "", "",
                  centred(f"Copyright 2026 {source}"), centred("All Rights Reserved"), ""]
    return "\n".join(lines) + "\n"


def docx_export():
    articles = [
        ("Rovers agree ground share while the stand is rebuilt", "Riverside Evening Post",
         "September 25, 2026 Friday", "Jon Aas", [
             "Riverside Rovers will play their home games at the county ground for two "
             "seasons while the east stand is rebuilt, the club confirmed on Friday.",
             "\"Two years away is a price worth paying for a stand that will last fifty,\" "
             "said Tomás Echeverría, the club's chairman.",
         ]),
        ("Vostrava port opens shore power for cruise ships", "Vostrava Daily",
         "September 27, 2026 Sunday", "Olena Marchuk", [
             "Cruise ships calling at Vostrava can now plug into the city grid at berth, "
             "after the port finished the last of three shore power connections.",
             "\"A ship at berth running its engines burns as much as a small town,\" said "
             "Andrei Sokolenko, a former energy minister who chairs the port's board.",
         ]),
    ]
    paras = ["Date and Time: Thursday, 1. October 2026 09:00:00 CET", "Job Number: 2026-117",
             f"Documents ({len(articles)})"]
    for i, (title, *_rest) in enumerate(articles, 1):
        paras += [f"{i}. {title}", "Client/Matter: -None-", "Search Terms: harbour OR stand", ""]
    for title, source, date, byline, body in articles:
        words = sum(len(p.split()) for p in body)
        paras += [title, source, date, "", f"Copyright 2026 {source} All Rights Reserved", "",
                  "Section: Regional; Version:1", f"Length: {words} words",
                  f"Byline: {byline}", "Body", ""] + body + ["", "End of Document", ""]
    esc = lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{esc(p)}</w:t></w:r></w:p>'
                   for p in paras)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                f'2006/main"><w:body>{body}</w:body></w:document>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.'
             'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    path = OUT / "database-export.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", types), ("_rels/.rels", rels),
                           ("word/document.xml", document)]:
            info = zipfile.ZipInfo(name, date_time=(2026, 10, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def pdf_clipping():
    lines = [
        (760, "Baltic Business Review  |  29 September 2026  |  Page 7"),
        (700, "Kestvik chip plant hires its first two hundred"),
        (676, "By Sanna Virta"),
        (648, "The chip packaging plant outside Kestvik has hired its first two hundred"),
        (634, "workers, a year later than planned, and expects to ship its first orders"),
        (620, "before Christmas, the company said on Tuesday."),
        (592, "\"The delay cost us a year, but not the customers,\" said Kenji Moriyama,"),
        (578, "a technology analyst at the Tokyo consultancy Hoshi Research, who has"),
        (564, "followed the project since it was announced."),
        (536, "The plant will employ six hundred people when all three lines are running."),
        (40, "(c) 2026 Baltic Business Review. Supplied under licence for internal use only."),
    ]
    content = "".join(
        "BT /F1 11 Tf 72 %d Td (%s) Tj ET\n"
        % (y, t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))
        for y, t in lines).encode("latin-1")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    (OUT / "clipping-service.pdf").write_bytes(out)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "press-office-forward.eml").write_text(FORWARD.replace("\n", "\r\n"), encoding="utf-8")
    (OUT / "database-export.txt").write_text(old_export(), encoding="utf-8")
    docx_export()
    pdf_clipping()


if __name__ == "__main__":
    main()
