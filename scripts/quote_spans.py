#!/usr/bin/env python3
"""Turns hand labels whose quotes are written out verbatim into the stored form, where each
quote is a byte range of the article's body, so that no article text is kept in the
repository (tests/data/speakers/RULES.md, "Quotes").

usage: quote_spans.py CORPORA LABELS.jsonl > STORED.jsonl

CORPORA is the folder the labels' `source` paths are under (../shared/corpora). A source
`FILE.jsonl#N` is the `body` of line N. Each quote `{"kind", "text"}` becomes
`{"kind", "start", "end"}`: the first place in the body, at or after the speaker's previous
quote of the same text, where the text occurs. A text not found is an error naming the
source.
"""
import json
import sys
from pathlib import Path


def body_of(corpora, source):
    path, _, part = source.partition("#")
    lines = (Path(corpora) / path).read_text(encoding="utf-8").splitlines()
    return json.loads(lines[int(part) - 1])["body"]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    corpora, labels = sys.argv[1], sys.argv[2]
    failed = False
    for number, line in enumerate(Path(labels).read_text(encoding="utf-8").splitlines(), 1):
        article = json.loads(line)
        body = body_of(corpora, article["source"]).encode("utf-8")
        for speaker in article["speakers"]:
            spans, seen = [], {}
            for quote in speaker.get("quotes", []):
                text = quote["text"].encode("utf-8")
                start = body.find(text, seen.get(text, 0))
                if start < 0:
                    print(f"{labels}:{number}: {article['source']}: quote of "
                          f"{speaker['name']} not in the body: {quote['text'][:60]!r}",
                          file=sys.stderr)
                    failed = True
                    continue
                seen[text] = start + 1
                spans.append({"kind": quote["kind"], "start": start, "end": start + len(text)})
            speaker["quotes"] = spans
        print(json.dumps(article, ensure_ascii=False))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
