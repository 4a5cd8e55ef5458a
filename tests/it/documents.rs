//! Clippings that arrive as documents: a news database's text export split into its
//! articles, and forwarded e-mails.

use serde_json::Value;

use crate::common::Env;

const PORTS: [&str; 4] = ["Kestvik", "Nordvik", "Port Arven", "Eastbridge"];

/// A database export of 12 articles in the older plain-text layout, after a request
/// page that is not an article.
fn export_of_twelve() -> String {
    let mut text = String::from(
        "\n\nDownload Request: Selected Items: 1-12\nTime Of Request: Monday, May 6, 2024\n\n\
         Terms: harbour and fees\n\nSource: Regional papers\n\n\n",
    );
    for i in 1..=12 {
        let port = PORTS[i % 4];
        text.push_str(&format!(
            "                               {i} of 12 DOCUMENTS\n\n\n\
             \x20                               The {port} Courier\n\n\
             \x20                           April {i}, 2024 Monday\n\n\
             Fees rise again at {port} harbour,\nreport {i} of the spring\n\n\
             BYLINE: By Lena Aaltonen\n\nSECTION: NEWS; Pg. {i}\n\nLENGTH: 60 words\n\n\
             The harbour board of {port} raised its fees by {i} per cent on Monday, and\n\
             the ferry companies said fares for non-\nresidents would rise in May.\n\n\
             \"The quay needs repairs,\" said Harald Lindqvist, the harbour master.\n\n\
             LOAD-DATE: April {i}, 2024\n\nLANGUAGE: ENGLISH\n\nPUBLICATION-TYPE: Newspaper\n\n\n\
             \x20                   Copyright 2024 The {port} Courier\n\
             \x20                          All Rights Reserved\n\n",
        ));
    }
    text
}

/// The files an index run skipped, each as "NAME: why".
fn skipped(report: &Value) -> Vec<String> {
    report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|p| {
            let path = p["path"].as_str().unwrap_or("");
            let name = path.rsplit('/').next().unwrap_or(path);
            format!("{name}: {}", p["message"].as_str().unwrap_or(""))
        })
        .collect()
}

fn extracted(env: &Env, file: &str) -> Vec<Value> {
    env.run(&["extract", &format!("corpus/{file}")])
        .expect_code(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn a_text_export_of_twelve_articles_is_twelve_articles() {
    let env = Env::new();
    env.write("lexis-export.txt", export_of_twelve());
    let articles = extracted(&env, "lexis-export.txt");
    assert_eq!(articles.len(), 12);
    for (i, a) in articles.iter().enumerate() {
        let n = i + 1;
        let port = PORTS[n % 4];
        assert_eq!(a["format"], "export");
        assert_eq!(a["part"], n);
        assert_eq!(
            a["title"],
            format!("Fees rise again at {port} harbour, report {n} of the spring")
        );
        assert_eq!(a["source"], format!("The {port} Courier"));
        assert_eq!(a["author"], "Lena Aaltonen");
        assert_eq!(a["date"], format!("2024-04-{n:02}T00:00:00Z"));
        assert_eq!(
            a["body"],
            format!(
                "The harbour board of {port} raised its fees by {n} per cent on Monday, and the \
                 ferry companies said fares for non-residents would rise in May.\n\n\"The quay \
                 needs repairs,\" said Harald Lindqvist, the harbour master."
            )
        );
        assert_eq!(a["speakers"][0]["name"], "Harald Lindqvist");
    }

    let report = env.index();
    assert_eq!(report["articles"]["indexed"], 12);
    let (_, found) = env.search(&["fees", "--copies", "--limit", "20"]);
    assert_eq!(found["total"], 12, "the request page is not an article");
    let (_, ids) = env.search(&["report 7"]);
    assert!(
        ids["hits"][0]["id"]
            .as_str()
            .is_some_and(|id| id.ends_with("lexis-export.txt#7")),
        "{ids}"
    );
}

/// A press office's forward of an article (as Gmail writes one), with the article's web
/// page and a PDF attached.
const FORWARD: &str = "From: Anna Lindqvist <anna@press.example>\r\n\
To: clippings@newsroom.example\r\n\
Subject: Fwd: Ferry fares rise at Kestvik\r\n\
Date: Mon, 06 May 2024 09:30:00 +0000\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"OUTER\"\r\n\
\r\n\
--OUTER\r\n\
Content-Type: text/plain; charset=\"utf-8\"\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
FYI, today's coverage below.\r\n\
\r\n\
---------- Forwarded message ---------\r\n\
From: Kestvik Courier <alerts@courier.example>\r\n\
Date: Sun, 5 May 2024 18:00:00 +0000\r\n\
Subject: Ferry fares rise at Kestvik\r\n\
\r\n\
Ferry fares rise at Kestvik\r\n\
By Lena Aaltonen, Kestvik Courier, 5 May 2024\r\n\
\r\n\
Fares on the island ferries will rise by a tenth in June, the operator said =\r\n\
on Sunday.\r\n\
\r\n\
\"We held them for three years,\" said Harald Lindqvist, the ferry company's =\r\n\
director.\r\n\
\r\n\
--\r\n\
Anna Lindqvist\r\n\
Press Office\r\n\
\r\n\
--OUTER\r\n\
Content-Type: text/html; charset=\"utf-8\"; name=\"quay.html\"\r\n\
Content-Disposition: attachment; filename=\"quay.html\"\r\n\
\r\n\
<html><head><title>Quay repairs begin | Nordvik Post</title>\r\n\
<meta property=\"article:published_time\" content=\"2024-05-04T08:00:00Z\"></head>\r\n\
<body><article><h1>Quay repairs begin</h1>\r\n\
<p>Work on the old quay at Nordvik began on Saturday and will last the summer, the\r\n\
harbour office said in a notice to shipping companies.</p>\r\n\
<p>The repairs close two of the four berths until September.</p></article></body></html>\r\n\
--OUTER\r\n\
Content-Type: application/pdf; name=\"fares.pdf\"\r\n\
Content-Disposition: attachment; filename=\"fares.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
JVBERi0xLjQK\r\n\
--OUTER--\r\n";

#[test]
fn a_forwarded_article_is_read_with_its_own_metadata_and_attachments() {
    let env = Env::new();
    env.write("fares.eml", FORWARD);
    let articles = extracted(&env, "fares.eml");
    assert_eq!(articles.len(), 2, "the message and the web page attached");
    let fares = &articles[0];
    assert_eq!(
        (fares["format"].as_str(), fares["part"].as_u64()),
        (Some("email"), Some(1))
    );
    assert_eq!(fares["title"], "Ferry fares rise at Kestvik");
    assert_eq!(fares["author"], "Lena Aaltonen");
    assert_eq!(fares["source"], "Kestvik Courier");
    assert_eq!(fares["date"], "2024-05-05T00:00:00Z");
    assert_eq!(
        fares["body"],
        "Fares on the island ferries will rise by a tenth in June, the operator said on \
         Sunday.\n\n\"We held them for three years,\" said Harald Lindqvist, the ferry \
         company's director."
    );
    assert_eq!(fares["speakers"][0]["name"], "Harald Lindqvist");
    assert!(
        fares["notes"][0].as_str().is_some_and(
            |n| n.starts_with("attachment fares.pdf not read: not a PDF clipdex can read")
        ),
        "{fares}"
    );
    let quay = &articles[1];
    assert_eq!(quay["part"], 2);
    assert_eq!(quay["title"], "Quay repairs begin");
    assert_eq!(quay["date"], "2024-05-04T08:00:00Z");
    assert!(quay["body"]
        .as_str()
        .is_some_and(|b| b.ends_with("until September.")));

    let report = env.index();
    assert_eq!(report["articles"]["indexed"], 2);
    assert!(
        report["warnings"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("article 1: attachment fares.pdf not read: not a PDF")),
        "{report}"
    );
}

/// A mailbox of three messages: an article forwarded as Apple Mail does, a message with
/// an HTML body only, and a note; then a fourth message cut off by a failed copy.
fn mailbox() -> String {
    let message = |from: &str, subject: &str, date: &str, headers: &str, body: &str| {
        format!(
            "From {from} Mon May  6 09:30:00 2024\nFrom: {from}\nSubject: {subject}\n\
             Date: {date}\n{headers}\n{body}\n"
        )
    };
    [
        message(
            "anna@press.example",
            "Fwd: Nordvik quay closes two berths",
            "Mon, 06 May 2024 09:30:00 +0000",
            "",
            "Begin forwarded message:\n\nFrom: Nordvik Post <news@post.example>\n\
             Subject: Nordvik quay closes two berths\nDate: 4 May 2024\n\n\
             Two berths of the old quay will close until September.\n",
        ),
        message(
            "Harbour Weekly <weekly@harbour.example>",
            "Harbour Weekly: pilots strike ends",
            "Tue, 07 May 2024 07:00:00 +0000",
            "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n",
            "<html><body><article><h1>Pilots strike ends</h1><p>The harbour pilots went \
             back to work on Monday after a three-day strike over rosters.</p></article>\
             </body></html>\n",
        ),
        message(
            "lena@courier.example",
            "Re: fares",
            "Wed, 08 May 2024 12:00:00 +0000",
            "",
            "The ferry fares go up on the first of June.\n",
        ),
        "From cut@example Thu May  9 10:00:00 2024\nFrom: cut@example\nSubj".to_string(),
    ]
    .concat()
}

#[test]
fn each_message_of_a_mailbox_is_an_article_and_a_cut_message_does_not_stop_it() {
    let env = Env::new();
    env.write("press.mbox", mailbox());
    env.write("not-mail.eml", "just some words\nwithout any header\n");
    let articles = extracted_lenient(&env, "press.mbox");
    let titles: Vec<&str> = articles
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert_eq!(
        titles[..3],
        [
            "Nordvik quay closes two berths",
            "Pilots strike ends",
            "fares"
        ]
    );
    assert_eq!(articles[0]["source"], "Nordvik Post");
    assert_eq!(articles[0]["date"], "2024-05-04T00:00:00Z");
    assert_eq!(
        articles[0]["body"],
        "Two berths of the old quay will close until September."
    );
    assert_eq!(articles[1]["source"], "Harbour Weekly");
    assert_eq!(
        articles[1]["body"],
        "The harbour pilots went back to work on Monday after a three-day strike over rosters."
    );
    assert_eq!(articles[2]["date"], "2024-05-08T12:00:00Z");
    let parts: Vec<u64> = articles.iter().filter_map(|a| a["part"].as_u64()).collect();
    assert_eq!(parts[..3], [1, 2, 3]);

    let report = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert!(
        report["articles"]["indexed"].as_u64() >= Some(3),
        "{report}"
    );
    let skipped = &report["skipped"];
    assert_eq!(skipped.as_array().map(Vec::len), Some(1), "{report}");
    assert!(skipped[0]["path"]
        .as_str()
        .is_some_and(|p| p.ends_with("not-mail.eml")));
    assert_eq!(
        skipped[0]["message"],
        "not an e-mail message (no header lines); move it out of the folder"
    );
}

fn extracted_lenient(env: &Env, file: &str) -> Vec<Value> {
    env.run(&["extract", &format!("corpus/{file}")])
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// A `.docx` file whose text is these paragraphs.
fn word(paragraphs: &[String]) -> Vec<u8> {
    use std::io::Write;
    let body: String = paragraphs
        .iter()
        .map(|p| {
            let text = p.replace('&', "&amp;").replace('<', "&lt;");
            format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
        })
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options)
        .expect("zip entry");
    zip.write_all(xml.as_bytes()).expect("zip write");
    zip.finish().expect("zip finish").into_inner()
}

#[test]
fn a_word_export_is_split_into_its_articles_and_bad_word_files_are_named() {
    let env = Env::new();
    let mut paragraphs: Vec<String> = [
        "Date and Time: Monday, 6. May 2024 10:15:00 CET",
        "Documents (3)",
        "1. Harbour fees rise",
        "2. Pilots strike ends",
        "3. Quiet week at the port",
        "",
    ]
    .map(String::from)
    .to_vec();
    let articles = [
        (
            "Harbour fees rise",
            "Kestvik Courier",
            "March 3, 2023 Friday",
            "Ilse Varga-Holm",
        ),
        (
            "Pilots strike ends",
            "Nordvik Post",
            "March 6, 2023 Monday",
            "Lena Aaltonen",
        ),
        (
            "Quiet week at the port",
            "Harbour Weekly",
            "March 10, 2023 Friday",
            "Tomas Brekke",
        ),
    ];
    let bodies: Vec<String> = articles
        .iter()
        .map(|(title, ..)| format!("The story of {title}, told in full by the paper on the day."))
        .collect();
    for ((title, source, date, author), body) in articles.iter().zip(&bodies) {
        let byline = format!("Byline: {author}");
        paragraphs.extend(
            [
                title,
                source,
                date,
                "",
                "Copyright 2023 All Rights Reserved",
                "Section: News; Version:1",
                "Length: 14 words",
                &byline,
                "Body",
                "",
                body,
                "",
                "End of Document",
                "",
            ]
            .map(String::from),
        );
    }
    env.write("export.docx", word(&paragraphs));
    let read = extracted(&env, "export.docx");
    assert_eq!(read.len(), 3);
    for (i, ((title, source, _, author), body)) in articles.iter().zip(&bodies).enumerate() {
        let a = &read[i];
        assert_eq!(
            (a["format"].as_str(), a["part"].as_u64()),
            (Some("export"), Some(i as u64 + 1))
        );
        assert_eq!(
            (&a["title"], &a["source"], &a["author"]),
            (&(*title).into(), &(*source).into(), &(*author).into())
        );
        assert_eq!(a["body"], **body);
    }
    assert_eq!(read[2]["date"], "2023-03-10T00:00:00Z");

    // A zip bomb: text that unpacks to 65 MiB.
    let bomb = {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options)
            .expect("zip entry");
        let zeros = vec![b'0'; 1024 * 1024];
        for _ in 0..65 {
            zip.write_all(&zeros).expect("zip write");
        }
        zip.finish().expect("zip finish").into_inner()
    };
    assert!(bomb.len() < 1024 * 1024, "a bomb is small on disk");
    env.write("bomb.docx", bomb);
    env.write("notes.docx", "not a zip at all");
    let report = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(report["articles"]["indexed"], 3);
    let skipped = skipped(&report);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].starts_with("bomb.docx: its text unpacks to more than 64 MiB"),
        "{skipped:?}"
    );
    assert!(
        skipped[1].starts_with("notes.docx: not a Word document"),
        "{skipped:?}"
    );
}

/// A PDF of these pages, each a list of lines set at a height from the page's foot (a
/// wider gap between two lines makes a new paragraph); extra objects after the pages.
fn pdf(pages: &[Vec<(u32, &str)>], extra: &[Vec<u8>]) -> Vec<u8> {
    let page_ids: Vec<usize> = (0..pages.len()).map(|i| 4 + 2 * i).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        format!(
            "<</Type/Pages/Kids[{}]/Count {}>>",
            page_ids
                .iter()
                .map(|id| format!("{id} 0 R"))
                .collect::<Vec<_>>()
                .join(" "),
            pages.len()
        )
        .into_bytes(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>".to_vec(),
    ];
    for (i, lines) in pages.iter().enumerate() {
        let content: String = lines
            .iter()
            .map(|(y, text)| {
                let text = text
                    .replace('\\', "\\\\")
                    .replace('(', "\\(")
                    .replace(')', "\\)");
                format!("BT /F1 11 Tf 72 {y} Td ({text}) Tj ET\n")
            })
            .collect();
        objects.push(
            format!(
                "<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents {} 0 R\
                 /Resources<</Font<</F1 3 0 R>>>>>>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(
            format!("<</Length {}>>stream\n{content}\nendstream", content.len()).into_bytes(),
        );
    }
    objects.extend(extra.iter().cloned());
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend(object);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

#[test]
fn a_pdf_clipping_is_read_without_its_page_furniture_and_a_pdf_bomb_is_refused() {
    let env = Env::new();
    let clipping = pdf(
        &[
            vec![
                (760, "Kestvik Courier  |  3 March 2023  |  Page 4"),
                (700, "Harbour fees rise as the winter ends"),
                (670, "By Ilse Varga-Holm"),
                (
                    640,
                    "The harbour board raised its fees on Friday, and the ferry compa-",
                ),
                (626, "nies said fares would follow within the month."),
                (
                    596,
                    "\"We had no choice,\" said Tomas Brekke, the board's chairman, who",
                ),
                (40, "(c) 2023 Kestvik Courier. Supplied under licence."),
            ],
            vec![
                (760, "Kestvik Courier  |  3 March 2023  |  Page 5"),
                (700, "spoke after the meeting."),
                (40, "2"),
            ],
        ],
        &[],
    );
    env.write("clipping.pdf", clipping);
    let read = extracted(&env, "clipping.pdf");
    assert_eq!(read.len(), 1);
    let a = &read[0];
    assert_eq!(a["format"], "pdf");
    assert_eq!(a["title"], "Harbour fees rise as the winter ends");
    assert_eq!(
        (a["source"].as_str(), a["author"].as_str()),
        (Some("Kestvik Courier"), Some("Ilse Varga-Holm"))
    );
    assert_eq!(a["date"], "2023-03-03T00:00:00Z");
    assert_eq!(
        a["body"],
        "The harbour board raised its fees on Friday, and the ferry companies said fares would \
         follow within the month.\n\n\"We had no choice,\" said Tomas Brekke, the board\u{2019}s \
         chairman, who spoke after the meeting.",
        "a PDF's standard font sets ' as a right quote"
    );
    assert_eq!(a["speakers"][0]["name"], "Tomas Brekke");

    // 300 streams that unpack to 1 MiB each: over the 256 MiB a PDF may unpack to.
    let packed = {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b' '; 1024 * 1024]).expect("compress");
        z.finish().expect("compress")
    };
    let stream = [
        format!("<</Length {}/Filter/FlateDecode>>stream\n", packed.len()).into_bytes(),
        packed,
        b"\nendstream".to_vec(),
    ]
    .concat();
    let bomb = pdf(&[vec![(700, "A page")]], &vec![stream; 300]);
    assert!(bomb.len() < 2 * 1024 * 1024);
    env.write("bomb.pdf", bomb);
    env.write("scan.pdf", pdf(&[vec![]], &[]));
    env.write("broken.pdf", "%PDF-1.4\nnothing else");
    let report = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(report["articles"]["indexed"], 1);
    let skipped = skipped(&report);
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert_eq!(
        skipped[0],
        "bomb.pdf: its contents unpack to more than 256 MiB (a PDF bomb?); not read"
    );
    assert!(
        skipped[1].starts_with("broken.pdf: not a PDF clipdex can read"),
        "{skipped:?}"
    );
    assert!(
        skipped[2].starts_with("scan.pdf: no text in this PDF (a scanned page?"),
        "{skipped:?}"
    );
}

#[test]
fn an_rtf_export_and_an_encrypted_pdf() {
    let env = Env::new();
    let rtf = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman Times;}}\
        {\\info{\\title Export}}\n\
        \\pard Documents (2)\\par 1. Harbour fees rise\\par 2. Quiet week\\par\\par\n\
        {\\b Harbour fees rise}\\par Kestvik Courier\\par March 3, 2023 Friday\\par\\par\n\
        Copyright 2023 Kestvik Courier\\par Length: 12 words\\par Byline: Ilse Varga-Holm\\par\n\
        Body\\par\\par The caf\\'e9 by the quay said \\u8220?We had no choice,\\u8221? and shut.\\par\n\
        \\par End of Document\\par\\par\n\
        Quiet week\\par Nordvik Post\\par April 1, 2023\\par\\par Length: 6 words\\par\n\
        Body\\par Nothing moved at the port.\\par End of Document\\par}";
    env.write("export.rtf", rtf);
    let read = extracted(&env, "export.rtf");
    assert_eq!(read.len(), 2);
    assert_eq!(read[0]["title"], "Harbour fees rise");
    assert_eq!(read[0]["author"], "Ilse Varga-Holm");
    assert_eq!(read[0]["date"], "2023-03-03T00:00:00Z");
    assert_eq!(
        read[0]["body"],
        "The caf\u{e9} by the quay said \u{201c}We had no choice,\u{201d} and shut."
    );
    assert_eq!(
        (read[1]["title"].as_str(), read[1]["source"].as_str()),
        (Some("Quiet week"), Some("Nordvik Post"))
    );

    let plain = pdf(
        &[vec![
            (700, "Harbour fees rise"),
            (670, "The board raised its fees."),
        ]],
        &[],
    );
    let mut doc = pdf_extract::Document::load_mem(&plain).expect("a PDF");
    let id = || {
        pdf_extract::Object::String(
            b"clipdex-test-id!".to_vec(),
            pdf_extract::StringFormat::Hexadecimal,
        )
    };
    doc.trailer
        .set("ID", pdf_extract::Object::Array(vec![id(), id()]));
    let version = pdf_extract::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: pdf_extract::Permissions::all(),
    };
    let state = pdf_extract::EncryptionState::try_from(version).expect("an encryption");
    doc.encrypt(&state).expect("encrypted");
    let mut locked = Vec::new();
    doc.save_to(&mut locked).expect("saved");
    env.write("locked.pdf", locked);
    env.write("notes.rtf", "plain words, not RTF");
    let report = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(report["articles"]["indexed"], 2);
    let skipped: Vec<&str> = report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .filter_map(|p| p["message"].as_str())
        .collect();
    assert_eq!(
        skipped,
        [
            "the PDF is encrypted (password-protected); save an unprotected copy to index it",
            "not an RTF document (it does not start with {\\rtf)"
        ]
    );
}

/// Base64 with line breaks every 76 characters, as mail programs send attachments.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, b| n << 8 | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out.as_bytes()
        .chunks(76)
        .map(|line| String::from_utf8_lossy(line).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[test]
fn a_pdf_clipping_attached_to_an_e_mail_is_an_article_of_its_own() {
    let env = Env::new();
    let clipping = pdf(
        &[vec![
            (760, "Nordvik Post  |  4 May 2024  |  Page 2"),
            (700, "Quay repairs close two berths"),
            (670, "By Lena Aaltonen"),
            (
                640,
                "Two berths of the old quay will close until September for repairs.",
            ),
        ]],
        &[],
    );
    let message = format!(
        "From: Anna Lindqvist <anna@press.example>\r\nSubject: Today's coverage\r\n\
         Date: Mon, 06 May 2024 09:30:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nThe Post's piece is attached.\r\n\
         --B\r\nContent-Type: application/pdf; name=\"quay.pdf\"\r\n\
         Content-Disposition: attachment; filename=\"quay.pdf\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--B\r\n\
         Content-Type: text/rtf\r\nContent-Disposition: attachment\r\n\r\n\
         {{\\rtf1\\ansi Pilots strike ends\\par\\par The harbour pilots went back to \
         work on Monday.\\par}}\r\n--B--\r\n",
        base64(&clipping)
    );
    env.write("coverage.eml", message);
    let read = extracted(&env, "coverage.eml");
    assert_eq!(
        read.len(),
        3,
        "the message, the attached clipping and the RTF note"
    );
    assert_eq!(
        read[2]["title"], "Pilots strike ends",
        "an RTF known by its type alone"
    );
    assert_eq!(
        read[2]["body"],
        "The harbour pilots went back to work on Monday."
    );
    assert_eq!(
        (read[0]["title"].as_str(), read[0]["part"].as_u64()),
        (Some("Today's coverage"), Some(1))
    );
    let quay = &read[1];
    assert_eq!(quay["part"], 2);
    assert_eq!(quay["title"], "Quay repairs close two berths");
    assert_eq!(
        (quay["source"].as_str(), quay["author"].as_str()),
        (Some("Nordvik Post"), Some("Lena Aaltonen"))
    );
    assert_eq!(quay["date"], "2024-05-04T00:00:00Z");
    assert_eq!(
        quay["body"],
        "Two berths of the old quay will close until September for repairs."
    );
}
