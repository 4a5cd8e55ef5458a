//! Invented copies of one story, each with one edit an outlet makes, and stories that
//! look alike but are not copies.

use super::{signature, Grouper, Settings};

const TITLE: &str = "Kestvik harbour board votes to double mooring fees";

const PARAGRAPHS: [&str; 6] = [
    "The Kestvik harbour board voted on Tuesday to double mooring fees for visiting yachts from next April, saying the money would pay for dredging the silted western basin.",
    "Board chair Ilse Varga-Holm said the harbour had lost three berths to silt in two winters and could not wait for a grant from the regional fund that might never come.",
    "Fishing crews, who keep their boats in the eastern basin, will pay the old rate until the dredging is finished, under an amendment passed by five votes to two.",
    "The yacht club called the rise a tax on visitors and said some owners had already booked moorings across the fjord in Brennøy for the coming summer season.",
    "Harbour staff expect the dredging to take eleven weeks and to remove about forty thousand cubic metres of mud, which will be spread on farmland behind the dunes.",
    "The board will review the fees after one season and publish the accounts of the dredging fund every quarter on its website and in the harbour office window.",
];

fn body(paragraphs: &[&str]) -> String {
    paragraphs.join("\n\n")
}

/// The story of each (title, body), assigned in order; uids count from 1.
fn stories(articles: &[(&str, String)]) -> Vec<u64> {
    let settings = Settings::default();
    let mut grouper = Grouper::new(settings);
    let mut uid = 0;
    articles
        .iter()
        .map(|(title, body)| {
            uid += 1;
            grouper.assign(uid, &signature(title, body, &settings)).0
        })
        .collect()
}

fn original() -> (&'static str, String) {
    (TITLE, body(&PARAGRAPHS))
}

#[test]
fn a_copy_with_each_edit_joins_the_story() {
    let p = PARAGRAPHS;
    let dateline = format!("KESTVIK, March 3 (Coastal Wire) - {}", p[0]);
    let edited = p.map(|text| {
        text.replace("said", "says")
            .replace("visiting ", "")
            .replace("eleven", "twelve")
            .replace("thousand", "")
    });
    let merged = format!("{} {}", p[1], p[2]);
    let local = "Readers of the Fjord Gazette can send their views on the fees to the letters page, where a selection will be printed next week.";
    let copies: Vec<(&str, String)> = vec![
        original(),
        (
            "Yachts to pay double in Kestvik",
            body(&[&dateline, p[1], p[2], p[3], p[4], p[5]]),
        ),
        (
            "HARBOUR NEWS | Fjord Gazette",
            body(&[
                "Fjord Gazette | News",
                "Advertisement",
                p[0],
                p[1],
                p[2],
                p[3],
                p[4],
                p[5],
                "Share this article",
                "(c) 2026 Fjord Gazette. This story may not be republished without permission.",
            ]),
        ),
        (TITLE, body(&p[..2])),
        (TITLE, edited.join("\n\n")),
        (TITLE, body(&[p[0], &merged, p[3], p[4]])),
        (TITLE, body(&[p[0], local, p[1], p[2], p[3]])),
        (TITLE, format!("{{\"text\": \"{}\"}}", p[..4].join(" "))),
    ];
    let found = stories(&copies);
    assert_eq!(found, vec![1; copies.len()], "every copy is story 1");
}

/// A story on the same subject a week later.
fn follow_up() -> String {
    body(&[
        "Dredgers began work in the western basin of Kestvik harbour on Monday, a week after the harbour board voted to double mooring fees for visiting yachts.",
        "The first barge of mud left for farms behind the dunes at dawn, and the contractor said the work was on course to finish in eleven weeks if the weather held.",
        "Board chair Ilse Varga-Holm watched from the quay and said the silted berths would be back in use before the summer season, when most visiting yachts arrive.",
        "The yacht club said bookings for the summer were down by a third, which it blamed on the fees rather than on the work in the basin.",
    ])
}

#[test]
fn a_follow_up_on_the_same_subject_is_another_story() {
    let found = stories(&[original(), (TITLE, follow_up())]);
    assert_eq!(found, vec![1, 2]);
}

#[test]
fn reports_written_to_one_template_stay_apart() {
    let report = |company: &str, city: &str, profit: &str, sales: &str, chief: &str| {
        body(&[
            &format!("{company} said on Thursday its quarterly profit rose to {profit} million crowns, helped by strong sales of ferries to operators in {city} and along the coast."),
            &format!("Sales for the quarter were {sales} million crowns, the company said in a statement to the stock exchange, and its order book stood at a record level."),
            &format!("Chief executive {chief} said the company expected demand to stay firm for the rest of the year and would raise its dividend at the annual meeting."),
        ])
    };
    let found = stories(&[
        (
            "Nordvaer Yards quarterly profit rises",
            report(
                "Nordvaer Yards",
                "Brennøy",
                "412",
                "2,870",
                "Tove Lindqvist",
            ),
        ),
        (
            "Halsfjord Marine quarterly profit rises",
            report(
                "Halsfjord Marine",
                "Oskarvik",
                "96",
                "1,140",
                "Pieter Amundsen",
            ),
        ),
    ]);
    assert_eq!(found, vec![1, 2]);
}

#[test]
fn an_outlets_stock_paragraph_does_not_join_its_stories() {
    let stock = "Readers of the Fjord Gazette can send their views to the letters page, where a selection of them will be printed in next week's edition.";
    let first = body(&[
        "The Brennøy ferry will run an extra evening crossing from May, the operator said, after complaints from commuters about crowded boats.",
        stock,
    ]);
    let second = body(&[
        "A new bakery has opened beside the Oskarvik town hall in the building that housed the post office until it closed last winter.",
        stock,
    ]);
    let found = stories(&[("Extra ferry", first), ("New bakery", second)]);
    assert_eq!(found, vec![1, 2]);
}

#[test]
fn short_notices_join_by_body_and_headline_together() {
    let notice = "Qtly div 35 cts vs 35 cts previously\n\nPay April 17\n\nRecord March 31";
    let other = "Qtly div 35 cts vs 35 cts previously\n\nPay April 17\n\nRecord March 30";
    let found = stories(&[
        (
            "Skarholm Foods <skf> regular dividend set",
            notice.to_string(),
        ),
        (
            "UPDATE 1-Skarholm Foods <skf> regular dividend set",
            format!("Advertisement\n\n{notice}"),
        ),
        ("Vellum Paper <vlp> regular dividend set", other.to_string()),
    ]);
    assert_eq!(
        found,
        vec![1, 1, 3],
        "the same figures under another company's name"
    );
}

#[test]
fn a_story_keeps_its_id_whichever_copy_arrives_next() {
    let (title, full) = original();
    let cut = body(&PARAGRAPHS[..2]);
    let found = stories(&[(title, cut.clone()), (title, full), (title, cut)]);
    assert_eq!(found, vec![1, 1, 1]);
}

#[test]
fn identical_bodies_are_one_story_whatever_their_headlines() {
    let notice = "The Kestvik harbour office will be closed on Friday for the spring holiday and will open again on Monday morning at eight, when the usual hours resume for the summer.";
    let found = stories(&[
        ("Harbour office closed Friday", notice.to_string()),
        ("Holiday hours", notice.to_string()),
    ]);
    assert_eq!(found, vec![1, 1]);
}

#[test]
fn stories_are_numbered_densely_and_copies_share_the_number() {
    let settings = Settings::default();
    let sign = |(title, body): (&str, String)| signature(title, &body, &settings);
    let mut grouper = Grouper::new(settings);
    let (story, copy) = (original(), (TITLE, body(&PARAGRAPHS[..3])));
    assert_eq!(grouper.assign(1, &sign(story.clone())), (1, 0));
    assert_eq!(grouper.assign(2, &sign(copy)), (1, 0), "a copy");
    // Rebuilt from an index whose largest number is 6: new stories count on from it.
    let mut rebuilt = Grouper::new(settings);
    rebuilt.insert(1, 6, &sign(story));
    let other = ("Dredging starts", follow_up());
    assert_eq!(rebuilt.assign(9, &sign(other)), (9, 7));
}
